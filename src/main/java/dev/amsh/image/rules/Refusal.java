package dev.amsh.image.rules;

/**
 * One rule that blocks a deletion.
 *
 * @param rule   the blocking rule
 * @param reason why, naming the image, version or applications concerned
 * @param remedy what the operator can do to clear it
 */
public record Refusal(Rule rule, String reason, String remedy) {

    /** One line: {@code D5 default: <reason>; <remedy>}. */
    public String describe() {
        return rule.code() + " " + rule.title() + ": " + reason + "; " + remedy;
    }
}
