package com.omnichat.server.operations;

import com.omnichat.server.cli.OmnichatCommand;
import com.omnichat.server.config.ConfigLoader;
import com.omnichat.server.support.TestServer;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** An operator command run in-process with the settings an operator would have for a data directory. */
record OperatorCommand(int exitCode, String out, String err) {
    static OperatorCommand run(Path dataDir, String... args) {
        return runWith(dataDir, Map.of(), args);
    }

    static OperatorCommand runWith(Path dataDir, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("OMNICHAT_DATA_DIR", dataDir.toString());
        env.put("JWT_SECRET", TestServer.JWT_SECRET);
        env.putAll(extraEnv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OmnichatCommand.commandLine(() -> new ConfigLoader(env, null).load());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new OperatorCommand(code, out.toString(), err.toString());
    }
}
