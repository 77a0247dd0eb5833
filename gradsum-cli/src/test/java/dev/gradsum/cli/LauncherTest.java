package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/gradsum} (issue 10, item 10) finds its checkout through a symlink and from any folder: a copy
 * of the script runs in a throwaway checkout with stand-in {@code java} and {@code mvn} commands that
 * only say where and how they were called.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherTest {
    @TempDir
    Path tmp;

    @Test
    void aRelativeSymlinkInAnotherFolderRunsTheCheckoutsJarWithTheArguments() throws Exception {
        Path checkout = checkout();
        Files.writeString(checkout.resolve("gradsum-cli/target/gradsum.jar"), "jar");
        Path link = linkFromHomeBin(checkout);

        Run run = run(link, tmp.resolve("elsewhere"), "plan", "task.yaml");

        assertThat(run.code).isZero();
        assertThat(run.out).isEqualTo("java -jar " + checkout.toRealPath().resolve("gradsum-cli/target/gradsum.jar")
                + " plan task.yaml\n");
    }

    @Test
    void withoutAJarItBuildsInTheCheckoutNotInTheFolderOfTheLinkOrTheCaller() throws Exception {
        Path checkout = checkout();
        Path link = linkFromHomeBin(checkout);

        Run run = run(link, tmp.resolve("elsewhere"), "--version");

        assertThat(run.err).contains("building");
        assertThat(Files.readString(tmp.resolve("mvn-ran-in"))).isEqualTo(checkout.toRealPath() + "\n");
        assertThat(run.out).isEqualTo("java -jar " + checkout.toRealPath().resolve("gradsum-cli/target/gradsum.jar")
                + " --version\n");
        assertThat(run.code).isZero();
    }

    private Path checkout() throws IOException {
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.createDirectories(checkout.resolve("bin"));
        Files.createDirectories(checkout.resolve("gradsum-cli/target"));
        Path script = checkout.resolve("bin/gradsum");
        Files.copy(Path.of("..", "bin", "gradsum"), script);
        executable(script);
        Path fakeBin = Files.createDirectories(tmp.resolve("fake-bin"));
        Files.writeString(fakeBin.resolve("java"), "#!/usr/bin/env bash\necho \"java $*\"\n");
        Files.writeString(fakeBin.resolve("mvn"), "#!/usr/bin/env bash\npwd -P > " + tmp.resolve("mvn-ran-in") + "\n"
                + "touch gradsum-cli/target/gradsum.jar\n");
        executable(fakeBin.resolve("java"));
        executable(fakeBin.resolve("mvn"));
        Files.createDirectories(tmp.resolve("elsewhere"));
        return checkout;
    }

    /** {@code ~/bin/gradsum -> ../../checkout/bin/gradsum}, relative as {@code ln -s} leaves it. */
    private Path linkFromHomeBin(Path checkout) throws IOException {
        Path homeBin = Files.createDirectories(tmp.resolve("home/bin"));
        return Files.createSymbolicLink(homeBin.resolve("gradsum"), Path.of("../../checkout/bin/gradsum"));
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(Path command, Path folder, String... args) throws Exception {
        List<String> line = new java.util.ArrayList<>(List.of(command.toString()));
        line.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(line).directory(folder.toFile());
        pb.environment().put("PATH", tmp.resolve("fake-bin") + ":" + System.getenv("PATH"));
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
