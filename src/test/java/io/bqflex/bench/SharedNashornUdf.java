package io.bqflex.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.script.Invocable;
import javax.script.ScriptEngine;
import javax.script.ScriptException;
import org.openjdk.nashorn.api.scripting.NashornScriptEngineFactory;

/**
 * The baseline for our UDF calls: how Google's templates run a JavaScript UDF. One Nashorn engine
 * for the whole JVM, and every call takes the same lock around {@code invokeFunction}, so the
 * worker's threads queue for it. No sandbox and no time limit.
 */
final class SharedNashornUdf {
  private final Invocable engine;
  private final String functionName;

  SharedNashornUdf(Path script, String functionName) throws IOException, ScriptException {
    // The option Google's JavascriptTextTransformer passes: ES6, as our engine runs too.
    ScriptEngine nashorn = new NashornScriptEngineFactory().getScriptEngine("--language=es6");
    nashorn.eval(Files.readString(script, StandardCharsets.UTF_8));
    this.engine = (Invocable) nashorn;
    this.functionName = functionName;
  }

  synchronized String apply(String json) throws ScriptException, NoSuchMethodException {
    Object result = engine.invokeFunction(functionName, json);
    return result == null ? null : result.toString();
  }
}
