package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SolventCommandTest {

    @Test
    void printsTheMavenProjectVersion() {
        Cli.Run run = Cli.run("--version");

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        // the version comes from the filtered version.properties, never a literal in the code
        assertThat(run.out().strip()).isEqualTo("solvent " + VersionProvider.version());
        assertThat(VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void printsHelpWithTheReplayCommandAndTheExitCodes() {
        Cli.Run run = Cli.run("--help");

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
                .contains("Usage: solvent")
                .contains("replay")
                .contains("Exit codes:")
                .contains("bad input");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void printsTheReplayCommandsHelp() {
        Cli.Run run = Cli.run("replay", "--help");

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("STATE_FILE", "TXS_FILE", "--out=FILE", "docs/replay.md");
    }

    @Test
    void exitsWithTwoAndUsageWhenNoCommandIsGiven() {
        Cli.Run run = Cli.run();

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines())
                .containsExactly(
                        "solvent: Missing a command, such as: solvent run (the default scenario) or solvent scenarios",
                        "Commands: run, scenarios, sweep, replay, check, price, keeper, mirror. Usage: solvent --help");
    }

    @Test
    void printsAWrongArgumentInTwoLinesWithoutTheWholeUsage() {
        Cli.Run run = Cli.run("run", "--seeed", "3");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines())
                .containsExactly(
                        "solvent run: Unknown option: '--seeed'",
                        "Did you mean --seed or --set? Usage: solvent run --help");
    }

    @Test
    void exitsWithTwoOnAnUnknownOption() {
        Cli.Run run = Cli.run("replay", "--frobnicate", "a.json", "b.json");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void exitsWithTwoWhenAFileArgumentIsMissing() {
        Cli.Run run = Cli.run("replay", Cli.EXAMPLE_STATE.toString());

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Missing required parameter: 'TXS_FILE'");
    }
}
