package io.bqflex.udf;

import static javax.script.ScriptContext.ENGINE_SCOPE;

import java.util.Optional;
import javax.script.ScriptEngine;
import javax.script.ScriptException;
import org.openjdk.nashorn.api.scripting.NashornScriptEngineFactory;
import org.openjdk.nashorn.api.scripting.ScriptObjectMirror;

/**
 * One Nashorn engine holding a UDF's scripts, with no way out to Java, files, the network or the
 * process. Not thread-safe: each {@link JavaScriptUdf} owns one and calls it from one thread.
 *
 * <p>The language is what Google's templates run: Nashorn with {@code --language=es6} ({@code
 * const}, {@code let}, arrow functions, template literals, {@code for...of}, default parameters,
 * {@code Map}, {@code Set}), Nashorn's syntax extensions included, as theirs are. A construct
 * Nashorn's ES6 mode does not implement (destructuring, classes, spread, rest parameters,
 * generators) fails the launch with one line naming it and its line. The {@linkplain
 * MissingBuiltins built-ins that mode lacks} are supplied to a UDF whose text names them.
 *
 * <p>The walls: {@code --no-java} removes {@code Java}, {@code Packages}, {@code java}, {@code
 * javax} and {@code JavaImporter}; a class filter that refuses every class also makes Nashorn
 * refuse reflection on the Java objects a script can still reach (a string's {@code getClass()});
 * {@code -scripting} (where backquotes run shell commands) stays off, so a backquote starts a
 * template literal. The globals that remain and reach outside are deleted before the UDF is loaded,
 * so a call to them fails as a ReferenceError of that record: {@code load}/{@code
 * loadWithNewGlobal} read files and URLs, {@code exit}/{@code quit} end the JVM, and {@code
 * __noSuchProperty__} is what resolves the {@code engine} and {@code context} names to the live
 * ScriptEngine (whose factory builds an engine without these walls).
 */
final class SandboxedScript {
  private static final NashornScriptEngineFactory FACTORY = new NashornScriptEngineFactory();
  private static final String[] ENGINE_OPTIONS = {"--no-java", "--language=es6"};

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
      Optional<String> builtins = MissingBuiltins.namedIn(source.scripts());
      if (builtins.isPresent()) {
        // Named, so that an error a built-in throws for a record points at the file it came from.
        engine
            .getContext()
            .setAttribute(ScriptEngine.FILENAME, MissingBuiltins.FILE_NAME, ENGINE_SCOPE);
        engine.eval(builtins.get());
      }
    } catch (ScriptException e) {
      throw new IllegalStateException("Could not prepare the JavaScript engine", e);
    }
    for (UdfSource.Script script : source.scripts()) {
      // Each file keeps its own name, so errors point at the right file and line.
      engine.getContext().setAttribute(ScriptEngine.FILENAME, script.name, ENGINE_SCOPE);
      try {
        engine.eval(script.text);
      } catch (ScriptException e) {
        throw refused(source, script, "failed to load at line " + e.getLineNumber(), e, e);
      } catch (RuntimeException e) {
        // Nashorn throws its "not yet implemented" as a bare RuntimeException while compiling.
        ScriptErrors.Unsupported unsupported = ScriptErrors.unsupported(e).orElseThrow(() -> e);
        throw refused(
            source,
            script,
            "uses ES6 "
                + unsupported.construct()
                + " at line "
                + unsupported.line()
                + ", which Nashorn, the engine of Google's templates too, does not implement;"
                + " rewrite that line without it",
            null,
            e);
      }
    }
    ScriptObjectMirror function = function(engine, functionName);
    if (function == null) {
      throw new IllegalArgumentException(
          "javascriptTextTransformFunctionName '"
              + functionName
              + "' is not a function in "
              + source.pattern()
              + "; define function "
              + functionName
              + "(inJson) there or pass the name of a function it defines.");
    }
    return new SandboxedScript(function);
  }

  /** The launch failure for one file, on one line. */
  private static IllegalArgumentException refused(
      UdfSource source,
      UdfSource.Script script,
      String what,
      ScriptException scriptError,
      Exception cause) {
    return new IllegalArgumentException(
        "UDF file "
            + script.name
            + " (javascriptTextTransformGcsPath "
            + source.pattern()
            + ") "
            + what
            + (scriptError == null ? "" : ": " + ScriptErrors.message(scriptError))
            + ". Fix the JavaScript and launch again.",
        cause);
  }

  /**
   * The function named {@code name}: a global (a {@code function} declaration or a {@code var}), or
   * else a top-level {@code const} or {@code let}, which ES6 keeps out of the global object; null
   * when neither is a function.
   */
  private static ScriptObjectMirror function(ScriptEngine engine, String name) {
    Object global = engine.get(name);
    if (isFunction(global)) {
      return (ScriptObjectMirror) global;
    }
    engine.getContext().setAttribute(ScriptEngine.FILENAME, "<lookup>", ENGINE_SCOPE);
    try {
      // name is an identifier (UdfSpec checks it), so this reads a binding and runs nothing else.
      Object lexical = engine.eval("typeof " + name + " === 'function' ? " + name + " : undefined");
      return isFunction(lexical) ? (ScriptObjectMirror) lexical : null;
    } catch (ScriptException | RuntimeException e) {
      return null; // a reserved word such as "var": no function has that name
    }
  }

  private static boolean isFunction(Object value) {
    return value instanceof ScriptObjectMirror && ((ScriptObjectMirror) value).isFunction();
  }

  /** Calls the UDF with one record; returns what it returned, as Nashorn hands it to Java. */
  Object call(String json) {
    return function.call(null, json);
  }
}
