package dev.amsh.image.rules;

/** The deletion rules, by the code and title refusals and the README show. */
public enum Rule {
    D1_UNKNOWN("D1", "unknown", "no such image or version: refused, with close names suggested"),
    D2_IMMUTABLE("D2", "immutable", "an image synchronized from the image server: refused without --force"),
    D3_IMMUTABLE_VERSION("D3", "immutable version", "a version of such an image: refused, even with --force"),
    D4_LAST_VERSION("D4", "last version", "the only version left: refused; delete the whole image instead"),
    D5_DEFAULT("D5", "default", "the default of its type while other images of that type exist: refused;"
            + " switch the default first"),
    D6_SOLE_DEFAULT("D6", "sole default", "the default that is the only image of its type: allowed; the type"
            + " then has no default"),
    D7_IN_USE("D7", "in use", "used by an application (a version: pinned by one): refused; delete those first"),
    D8_FORCE_SCOPE("D8", "force scope", "--force overrides D2 only");

    private final String code;
    private final String title;
    private final String summary;

    Rule(String code, String title, String summary) {
        this.code = code;
        this.title = title;
        this.summary = summary;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** When the rule applies and what it decides, in a line, for help. */
    public String summary() {
        return summary;
    }
}
