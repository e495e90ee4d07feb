package dev.amsh.command.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputFormatTest {

    @Test
    void parsesLowercaseWireNames() {
        assertThat(OutputFormat.parse("table")).contains(OutputFormat.TABLE);
        assertThat(OutputFormat.parse("json")).contains(OutputFormat.JSON);
        assertThat(OutputFormat.parse("yaml")).contains(OutputFormat.YAML);
        assertThat(OutputFormat.parse("csv")).contains(OutputFormat.CSV);
    }

    @Test
    void rejectsOtherSpellings() {
        assertThat(OutputFormat.parse("JSON")).isEmpty();
        assertThat(OutputFormat.parse("yml")).isEmpty();
        assertThat(OutputFormat.parse("")).isEmpty();
        assertThat(OutputFormat.parse(null)).isEmpty();
    }

    @Test
    void printsItsWireName() {
        assertThat(OutputFormat.CSV.wireName()).isEqualTo("csv");
        assertThat(OutputFormat.YAML).hasToString("yaml");
    }
}
