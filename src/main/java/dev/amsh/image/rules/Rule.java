package dev.amsh.image.rules;

/** The deletion rules, by the code and title refusals and the README show. */
public enum Rule {
    D1_UNKNOWN("D1", "unknown"),
    D2_IMMUTABLE("D2", "immutable"),
    D3_IMMUTABLE_VERSION("D3", "immutable version"),
    D4_LAST_VERSION("D4", "last version"),
    D5_DEFAULT("D5", "default"),
    D6_SOLE_DEFAULT("D6", "sole default"),
    D7_IN_USE("D7", "in use"),
    D8_FORCE_SCOPE("D8", "force scope");

    private final String code;
    private final String title;

    Rule(String code, String title) {
        this.code = code;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
