package dev.amsh.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmshCommandParserTest {

    private static final CommandSpec IMAGE_DELETE = new CommandSpec("image delete", "delete an image",
            List.of(ArgumentSpec.required("image", ValueKind.TEXT, "the image")),
            List.of(OptionSpec.value("version", 'v', ValueKind.NUMBER, "only this version"),
                    OptionSpec.flag("force", 'f', "even if in use"),
                    OptionSpec.flag("vm", "the vm variant"),
                    OptionSpec.flag("yes", 'y', "do not ask")),
            CatalogAccess.CHANGES);
    private static final CommandSpec IMAGE_LIST = new CommandSpec("image list", "list images", List.of(),
            List.of(OptionSpec.choice("format", List.of("table", "json", "yaml", "csv"), "output format"),
                    OptionSpec.value("name", ValueKind.TEXT, "only names matching this glob")),
            CatalogAccess.READS);
    private static final CommandSpec IMAGE_ADD = new CommandSpec("image add", "add an image",
            List.of(ArgumentSpec.required("name", ValueKind.NEW_NAME, "its name"),
                    ArgumentSpec.required("image_path", ValueKind.FILE, "the image file")),
            List.of(OptionSpec.flag("default", "make it the default"),
                    OptionSpec.choice("type", List.of("container", "vm"), "its type"),
                    OptionSpec.choice("arch", List.of("x86_64", "aarch64"), "its architecture")),
            CatalogAccess.CHANGES);
    private static final CommandSpec APPLICATION_CREATE = new CommandSpec("application create", "create an application",
            List.of(ArgumentSpec.required("name", ValueKind.NEW_NAME, "its name")),
            List.of(OptionSpec.value("image", ValueKind.TEXT, "the image"), OptionSpec.flag("vm", "a vm image")),
            CatalogAccess.CHANGES).withAliases("app create");
    private static final CommandSpec AUDIT_LIST = new CommandSpec("audit list", "show the audit log",
            List.of(ArgumentSpec.optional("filter", ValueKind.TEXT, "only entries mentioning it")),
            List.of(), CatalogAccess.READS);
    private static final CommandSpec HELP = new CommandSpec("help", "describe the commands",
            List.of(ArgumentSpec.optional("command", ValueKind.COMMAND, "a group"),
                    ArgumentSpec.optional("subcommand", ValueKind.COMMAND, "a command in it")),
            List.of(), CatalogAccess.READS);

    private final AmshCommandParser parser = new AmshCommandParser(registry());

    private static CommandRegistry registry() {
        Set<Command> commands = new HashSet<>();
        for (CommandSpec spec : List.of(IMAGE_DELETE, IMAGE_LIST, IMAGE_ADD, APPLICATION_CREATE, AUDIT_LIST, HELP)) {
            commands.add(new SpecOnlyCommand(spec));
        }
        return new CommandRegistry(commands);
    }

    /** Shaped like a real amsh command; the parser only reads its spec. */
    private static final class SpecOnlyCommand extends AmshCommand {

        SpecOnlyCommand(CommandSpec spec) {
            super(spec);
        }

        @Override
        protected ExitStatus run(CommandCall call) {
            return ExitStatus.OK;
        }
    }

    private static String commandOf(ParsedCommand parsed) {
        return parsed.typedName();
    }

    private static Map<String, String> optionsOf(ParsedCommand parsed) {
        return parsed.words().orElseThrow().options();
    }

    private static List<String> argumentsOf(ParsedCommand parsed) {
        return parsed.words().orElseThrow().positionals();
    }

    private void assertUsageError(String line, String message) {
        assertThatThrownBy(() -> parser.parse(line)).isInstanceOf(UsageException.class).hasMessage(message);
    }

    // --- the seed forms

    @Test
    void deletesByName() {
        ParsedCommand input = parser.parse("image delete image-name");
        assertThat(commandOf(input)).isEqualTo("image delete");
        assertThat(input.command().spec()).isEqualTo(IMAGE_DELETE);
        assertThat(optionsOf(input)).isEmpty();
        assertThat(argumentsOf(input)).containsExactly("image-name");
    }

    @Test
    void flagBeforeThePositionalDoesNotTakeItAsValue() {
        ParsedCommand input = parser.parse("image delete --force io.anbox-cloud:nougat:amd64");
        assertThat(optionsOf(input)).containsExactly(Map.entry("force", "true"));
        assertThat(argumentsOf(input)).containsExactly("io.anbox-cloud:nougat:amd64");
    }

    @Test
    void optionWithEqualsAfterThePositional() {
        ParsedCommand input = parser.parse("image delete image-name --version=1");
        assertThat(optionsOf(input)).containsExactly(Map.entry("version", "1"));
        assertThat(argumentsOf(input)).containsExactly("image-name");
    }

    // --- command words

    @Test
    void amcPrefixIsIgnored() {
        ParsedCommand input = parser.parse("amc image delete --force x");
        assertThat(commandOf(input)).isEqualTo("image delete");
        assertThat(optionsOf(input)).containsOnlyKeys("force");
        assertThat(argumentsOf(input)).containsExactly("x");
    }

    @Test
    void argvWordsAreNotSplitAgain() {
        ParsedCommand input = parser.parse(List.of("amc", "image", "delete", "my image", "--version", "2"));
        assertThat(argumentsOf(input)).containsExactly("my image");
        assertThat(optionsOf(input)).containsExactly(Map.entry("version", "2"));
    }

    @Test
    void emptyCommandIsAUsageError() {
        assertUsageError("", "empty command");
        assertUsageError("amc", "empty command");
        assertThatThrownBy(() -> parser.parse(List.of())).isInstanceOf(UsageException.class).hasMessage("empty command");
    }

    @Test
    void unknownCommandIsNamed() {
        assertUsageError("frobnicate now", "unknown command 'frobnicate'");
        assertUsageError("--force image delete x", "unknown command '--force'");
    }

    @Test
    void groupAloneListsItsCommands() {
        assertUsageError("image", "unknown command 'image'; try: image add, image delete, image list");
        assertUsageError("image --format json", "unknown command 'image'; try: image add, image delete, image list");
    }

    @Test
    void unknownSubcommandListsTheGroupsCommands() {
        assertUsageError("image frobnicate x", "unknown command 'image frobnicate'; try: image add, image delete, image list");
        assertUsageError("application frobnicate", "unknown command 'application frobnicate'; try: application create");
    }

    @Test
    void flagsCannotStandAmongCommandWords() {
        assertUsageError("image --force delete x", "unknown command 'image'; try: image add, image delete, image list");
    }

    @Test
    void aQuotedWordWithASpaceIsNotTwoCommandWords() {
        assertUsageError("'image delete' x", "unknown command 'image delete'");
    }

    @Test
    void commandWordsAreCaseSensitiveButTheRightCaseIsSuggested() {
        assertUsageError("Image delete x", "unknown command 'Image delete'; did you mean 'image delete'?");
    }

    // --- options

    @Test
    void flagsMayStandBeforeOrAfterPositionals() {
        ParsedCommand before = parser.parse("image delete --force --yes x");
        ParsedCommand after = parser.parse("image delete x --force --yes");
        ParsedCommand around = parser.parse("image delete --force x --yes");
        for (ParsedCommand input : List.of(before, after, around)) {
            assertThat(optionsOf(input)).containsOnlyKeys("force", "yes");
            assertThat(argumentsOf(input)).containsExactly("x");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"image delete x --version 1", "image delete x -v 1", "image delete x -v=1",
            "image delete --version 1 x", "image delete -v 1 x", "image delete --version=1 x"})
    void valueOptionInEveryForm(String line) {
        ParsedCommand input = parser.parse(line);
        assertThat(optionsOf(input)).containsExactly(Map.entry("version", "1"));
        assertThat(argumentsOf(input)).containsExactly("x");
    }

    @Test
    void optionsAreKeyedByTheSpecsLongNames() {
        assertThat(optionsOf(parser.parse("image delete x -v 3 -f")))
                .containsExactly(Map.entry("version", "3"), Map.entry("force", "true"));
        assertThat(optionsOf(parser.parse("image delete x --vm"))).containsExactly(Map.entry("vm", "true"));
    }

    @Test
    void shortFlagsCombine() {
        ParsedCommand input = parser.parse("image delete -fy x");
        assertThat(optionsOf(input)).containsExactly(Map.entry("force", "true"), Map.entry("yes", "true"));
        assertThat(argumentsOf(input)).containsExactly("x");
    }

    @Test
    void optionValueMayBeAnotherCommandsOptionNameOrNumber() {
        ParsedCommand input = parser.parse("application create app --image image-name --vm");
        assertThat(optionsOf(input)).containsExactly(Map.entry("image", "image-name"), Map.entry("vm", "true"));
        assertThat(argumentsOf(input)).containsExactly("app");
    }

    @Test
    void optionsAreLookedUpOnTheCommandNotTheGroup() {
        assertUsageError("image list --force", "unknown option --force for 'image list'; see 'image list --help'");
        assertThat(optionsOf(parser.parse("image add n p --type vm --arch aarch64 --default")))
                .containsExactly(Map.entry("type", "vm"), Map.entry("arch", "aarch64"), Map.entry("default", "true"));
    }

    @Test
    void choiceValueMustBeOneOfTheChoices() {
        assertThat(optionsOf(parser.parse("image list --format json"))).containsExactly(Map.entry("format", "json"));
        assertUsageError("image list --format xml", "--format must be one of table, json, yaml, csv; not 'xml'");
        assertUsageError("image list --format=JSON", "--format must be one of table, json, yaml, csv; not 'JSON'");
    }

    @Test
    void doubleDashEndsOptions() {
        ParsedCommand input = parser.parse("image delete --force -- --version");
        assertThat(optionsOf(input)).containsOnlyKeys("force");
        assertThat(argumentsOf(input)).containsExactly("--version");
    }

    @Test
    void loneDashIsAPositional() {
        assertThat(argumentsOf(parser.parse("image delete -"))).containsExactly("-");
    }

    // --- option errors

    @Test
    void flagTakesNoValue() {
        assertUsageError("image delete x --force=true", "option --force takes no value");
        assertUsageError("image delete x -f=x", "option --force takes no value");
        assertUsageError("image delete x -fy=x", "option --yes takes no value");
    }

    @Test
    void valueOptionNeedsAValue() {
        assertUsageError("image delete x --version", "option --version needs a value (N)");
        assertUsageError("image delete x -v", "option --version needs a value (N)");
        assertUsageError("image delete --version --force x", "option --version needs a value (N)");
        assertUsageError("image list --format", "option --format needs a value (table|json|yaml|csv)");
        assertUsageError("application create app --image", "option --image needs a value (<image>)");
    }

    @Test
    void negativeLookingValueNeedsTheEqualsForm() {
        assertUsageError("image delete x --version -1",
                "option --version needs a value (N); '-1' reads as an option: write --version=-1");
        assertUsageError("image delete x --version --force", "option --version needs a value (N)");
        ParsedCommand input = parser.parse("image delete x --version=-1");
        assertThat(optionsOf(input)).containsExactly(Map.entry("version", "-1"));
    }

    @Test
    void nonNumericVersionPassesTheParserForTheCommandToReject() {
        ParsedCommand input = parser.parse("image delete x --version abc");
        assertThat(optionsOf(input)).containsExactly(Map.entry("version", "abc"));
        assertThatThrownBy(() -> CommandCall.parseNumber("--version", "abc"))
                .isInstanceOf(UsageException.class).hasMessageContaining("whole number");
    }

    @Test
    void unknownOptionPointsToHelp() {
        assertUsageError("image delete x --frob", "unknown option --frob for 'image delete'; see 'image delete --help'");
        assertUsageError("image delete x --frob=1", "unknown option --frob for 'image delete'; see 'image delete --help'");
        assertUsageError("image delete x -q", "unknown option -q for 'image delete'; see 'image delete --help'");
        assertUsageError("image delete x -fq", "unknown option -q for 'image delete'; see 'image delete --help'");
        assertUsageError("image delete x -=1", "unknown option -=1 for 'image delete'; see 'image delete --help'");
        assertUsageError("image delete -1", "unknown option -1 for 'image delete'; see 'image delete --help'");
    }

    @Test
    void valueOptionCannotBeCombined() {
        assertUsageError("image delete x -fv 1",
                "option -v takes a value, so it cannot be combined with other options in '-fv'");
    }

    @Test
    void repeatedOptionIsAUsageError() {
        assertUsageError("image delete x --version 1 -v 2", "option --version given more than once");
        assertUsageError("image delete x -f --force", "option --force given more than once");
        assertUsageError("image delete x -ff", "option --force given more than once");
    }

    // --- positionals

    @Test
    void tooManyArguments() {
        assertUsageError("image delete a b",
                "too many arguments for 'image delete': 'b'; usage: " + IMAGE_DELETE.usage());
        assertUsageError("image list extra",
                "too many arguments for 'image list': 'extra'; usage: " + IMAGE_LIST.usage());
    }

    @Test
    void missingRequiredArgument() {
        assertUsageError("image delete", "missing <image>; usage: image delete <image> [--version N, -v N]"
                + " [--force, -f] [--vm] [--yes, -y]");
        assertUsageError("image delete --force", "missing <image>; usage: " + IMAGE_DELETE.usage());
        assertUsageError("image add only-name", "missing <image_path>; usage: " + IMAGE_ADD.usage());
    }

    @Test
    void optionalArgumentMayBeLeftOut() {
        assertThat(argumentsOf(parser.parse("audit list"))).isEmpty();
        assertThat(argumentsOf(parser.parse("audit list alice"))).containsExactly("alice");
    }

    @Test
    void argumentsAreIndexedInOrder() {
        ParsedCommand input = parser.parse("image add --default my-image /tmp/a.tar --type vm");
        assertThat(argumentsOf(input)).containsExactly("my-image", "/tmp/a.tar");
    }

    // --- quoting

    @Test
    void quotedWordsAreOneArgument() {
        assertThat(argumentsOf(parser.parse("image delete 'my image'"))).containsExactly("my image");
        assertThat(argumentsOf(parser.parse("image delete \"my image\""))).containsExactly("my image");
        assertThat(argumentsOf(parser.parse("image delete my\\ image"))).containsExactly("my image");
        assertThat(argumentsOf(parser.parse("image delete \"say \\\"hi\\\"\""))).containsExactly("say \"hi\"");
    }

    @Test
    void quotedOptionValues() {
        assertThat(optionsOf(parser.parse("image list --name='a b'"))).containsExactly(Map.entry("name", "a b"));
        assertThat(optionsOf(parser.parse("image list --name \"a*b c\""))).containsExactly(Map.entry("name", "a*b c"));
    }

    @Test
    void unclosedQuoteIsAUsageError() {
        assertThatThrownBy(() -> parser.parse("image delete 'x")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("unclosed quote");
    }

    // --- hostile input

    @Test
    void veryLongNameIsKeptWhole() {
        String name = "a".repeat(5000);
        assertThat(argumentsOf(parser.parse("image delete " + name))).containsExactly(name);
        assertThat(optionsOf(parser.parse("application create app --image=" + name))).containsEntry("image", name);
    }

    @Test
    void veryLongWordIsAbbreviatedInErrors() {
        String name = "a".repeat(5000);
        assertThatThrownBy(() -> parser.parse("image delete x " + name)).isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("(5000 characters)").hasSizeLessThan(300));
        assertThatThrownBy(() -> parser.parse(name)).isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
        assertThatThrownBy(() -> parser.parse("image list --" + name)).isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void sqlLookingNamesAreJustWords() {
        ParsedCommand input = parser.parse("image delete \"'; DROP TABLE image; --\" --force");
        assertThat(argumentsOf(input)).containsExactly("'; DROP TABLE image; --");
        assertThat(optionsOf(input)).containsOnlyKeys("force");
        assertThat(optionsOf(parser.parse("image list --name \"x' OR '1'='1\"")))
                .containsExactly(Map.entry("name", "x' OR '1'='1"));
    }

    @Test
    void unicodeIsKept() {
        assertThat(argumentsOf(parser.parse("image delete Bild-ü-日本語-🚀"))).containsExactly("Bild-ü-日本語-🚀");
        assertUsageError("image delete x -🚀", "unknown option -🚀 for 'image delete'; see 'image delete --help'");
    }

    @Test
    void controlCharactersDoNotBreakTheErrorLine() {
        assertThatThrownBy(() -> parser.parse(List.of("image", "delete", "x", "y\n\u001b[31mred")))
                .isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\u001b"));
    }

    // --- help

    @ParameterizedTest
    @ValueSource(strings = {"image delete --help", "image delete -h", "image delete x --help",
            "image delete --frob --help", "image delete --version --help", "amc image list --format xml -h"})
    void helpAnywhereAfterTheCommandAsksOnlyForHelp(String line) {
        ParsedCommand input = parser.parse(line);
        assertThat(input.asksForHelp()).isTrue();
        assertThat(input.words()).isEmpty();
        assertThat(input.command().spec().name()).isEqualTo(commandOf(input));
    }

    @Test
    void aGroupsHelpIsTheHelpCommandAskedForTheGroup() {
        ParsedCommand input = parser.parse("image --help");
        assertThat(input.command().spec()).isEqualTo(HELP);
        assertThat(argumentsOf(input)).containsExactly("image");
        assertThat(argumentsOf(parser.parse("app -h"))).containsExactly("application");
    }

    @Test
    void helpAfterDoubleDashIsAPositional() {
        assertThat(argumentsOf(parser.parse("image delete -- --help"))).containsExactly("--help");
    }

    @Test
    void helpAsAnEqualsValueIsAValue() {
        assertThat(optionsOf(parser.parse("image list --name=--help"))).containsExactly(Map.entry("name", "--help"));
    }

    // --- the command handed over

    @Test
    void anAliasRunsTheCommandItNamesAndIsReportedAsTyped() {
        ParsedCommand input = parser.parse("app create x --vm");
        assertThat(commandOf(input)).isEqualTo("app create");
        assertThat(input.command().spec().name()).isEqualTo("application create");
        assertThat(input.changesCatalog()).isTrue();
        assertThat(parser.parse("app create --help").changesCatalog()).isFalse();
    }
}
