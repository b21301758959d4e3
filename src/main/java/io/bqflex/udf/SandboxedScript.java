package io.bqflex.udf;

import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptException;
import org.openjdk.nashorn.api.scripting.NashornScriptEngineFactory;
import org.openjdk.nashorn.api.scripting.ScriptObjectMirror;

/**
 * One Nashorn engine holding a UDF's scripts, with no way out to Java, files, the network or the
 * process. Not thread-safe: each {@link JavaScriptUdf} owns one and calls it from one thread.
 *
 * <p>The walls: {@code --no-java} removes {@code Java}, {@code Packages}, {@code java}, {@code
 * javax} and {@code JavaImporter}; a class filter that refuses every class also makes Nashorn
 * refuse reflection on the Java objects a script can still reach (a string's {@code getClass()});
 * {@code --no-syntax-extensions} keeps to standard ECMAScript 5.1. The globals that remain and
 * reach outside are deleted before the UDF is loaded, so a call to them fails as a ReferenceError
 * of that record: {@code load}/{@code loadWithNewGlobal} read files and URLs, {@code exit}/{@code
 * quit} end the JVM, and {@code __noSuchProperty__} is what resolves the {@code engine} and {@code
 * context} names to the live ScriptEngine (whose factory builds an engine without these walls).
 */
final class SandboxedScript {
  private static final NashornScriptEngineFactory FACTORY = new NashornScriptEngineFactory();
  private static final String[] ENGINE_OPTIONS = {"--no-java", "--no-syntax-extensions"};

  /**
   * Runs before any UDF code. {@code print} and {@code console.*} stay callable but do nothing:
   * UDFs written for Google's templates or for Node may log, and one log line per record would
   * flood the worker logs.
   */
  private static final String LOCKDOWN =
      "(function (global) {"
          + "  ['load', 'loadWithNewGlobal', 'exit', 'quit', '__noSuchProperty__']"
          + "    .forEach(function (name) { delete global[name]; });"
          + "  var ignore = function () {};"
          + "  global.print = ignore;"
          + "  global.console = { log: ignore, info: ignore, warn: ignore, error: ignore,"
          + "    debug: ignore };"
          + "})(this);";

  private final ScriptObjectMirror function;

  private SandboxedScript(ScriptObjectMirror function) {
    this.function = function;
  }

  /**
   * Builds a fresh engine and evaluates every script of {@code source} in order, so a later file
   * sees the functions of an earlier one, as if they were concatenated.
   *
   * @throws IllegalArgumentException naming the file and line of a syntax or load-time error, or
   *     when {@code functionName} is not a function after loading
   */
  static SandboxedScript load(UdfSource source, String functionName) {
    ScriptEngine engine = FACTORY.getScriptEngine(ENGINE_OPTIONS, null, className -> false);
    try {
      engine.eval(LOCKDOWN);
    } catch (ScriptException e) {
      throw new IllegalStateException("Could not lock down the JavaScript engine", e);
    }
    for (UdfSource.Script script : source.scripts()) {
      // Each file keeps its own name, so errors point at the right file and line.
      engine
          .getContext()
          .setAttribute(ScriptEngine.FILENAME, script.name, ScriptContext.ENGINE_SCOPE);
      try {
        engine.eval(script.text);
      } catch (ScriptException e) {
        throw new IllegalArgumentException(
            "UDF file "
                + script.name
                + " (javascriptTextTransformGcsPath "
                + source.pattern()
                + ") failed to load at line "
                + e.getLineNumber()
                + ": "
                + ScriptErrors.message(e)
                + ". Fix the JavaScript and launch again.",
            e);
      }
    }
    Object function = engine.get(functionName);
    if (!(function instanceof ScriptObjectMirror)
        || !((ScriptObjectMirror) function).isFunction()) {
      throw new IllegalArgumentException(
          "javascriptTextTransformFunctionName '"
              + functionName
              + "' is not a function in "
              + source.pattern()
              + "; define function "
              + functionName
              + "(inJson) there or pass the name of a function it defines.");
    }
    return new SandboxedScript((ScriptObjectMirror) function);
  }

  /** Calls the UDF with one record; returns what it returned, as Nashorn hands it to Java. */
  Object call(String json) {
    return function.call(null, json);
  }
}
