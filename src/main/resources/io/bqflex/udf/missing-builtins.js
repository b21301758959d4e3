/*
 * Built-ins of ES2015-2017 that Nashorn 15's ES6 mode lacks. Google's templates run the same engine
 * without them, so a UDF that calls one fails there on every record; here it runs. Each is defined
 * only where missing, the way a real built-in is: not enumerable (a for...in over an array or
 * object does not see it), writable and configurable (a UDF that brings its own polyfill replaces
 * it). They follow the specification's steps for the values a UDF meets (arrays, strings, numbers,
 * plain objects).
 *
 * Supplying them costs every record of every UDF (Nashorn runs slower once built-in objects are
 * changed), so MissingBuiltins keeps only the blocks whose name the UDF's text contains: a block
 * runs from its "// @builtin NAME" line to the next such line or "// @end". The lines before the
 * first block and from "// @end" on are shared by every block; a block left out becomes blank
 * lines, so the line numbers of an error stay those of this file.
 */
(function () {
  'use strict';

  function define(target, name, fn) {
    if (typeof target[name] !== 'function') {
      Object.defineProperty(target, name, {
        value: fn, writable: true, configurable: true, enumerable: false
      });
    }
  }

  function toLength(value) {
    var n = Math.floor(Number(value)) || 0;
    return n < 0 ? 0 : Math.min(n, 9007199254740991);
  }

  function toInteger(value) {
    var n = Number(value);
    return n !== n ? 0 : (n < 0 ? Math.ceil(n) : Math.floor(n));
  }

  function requireObject(value, method) {
    if (value === null || value === undefined) {
      throw new TypeError(method + ' called on null or undefined');
    }
    return Object(value);
  }

  function requireFunction(fn, method) {
    if (typeof fn !== 'function') {
      throw new TypeError(method + ': ' + fn + ' is not a function');
    }
    return fn;
  }

  // The index of the first element the predicate accepts, or -1; each element is asked once.
  function firstMatch(array, predicate, thisArg, method) {
    var o = requireObject(array, method);
    requireFunction(predicate, method);
    var length = toLength(o.length);
    for (var k = 0; k < length; k++) {
      if (predicate.call(thisArg, o[k], k, o)) {
        return k;
      }
    }
    return -1;
  }

  function pad(method, atStart) {
    return function (maxLength) {
      var s = String(requireObject(this, method));
      var length = toLength(maxLength);
      var filler = arguments[1] === undefined ? ' ' : String(arguments[1]);
      if (length <= s.length || filler === '') {
        return s;
      }
      var fill = filler.repeat(Math.ceil((length - s.length) / filler.length))
          .slice(0, length - s.length);
      return atStart ? fill + s : s + fill;
    };
  }

  // @builtin includes
  // Array.prototype.includes and String.prototype.includes: one name, so both.
  // SameValueZero: like ===, except that NaN equals NaN.
  function sameValueZero(a, b) {
    return a === b || (a !== a && b !== b);
  }

  define(Array.prototype, 'includes', function includes(searchElement) {
    var o = requireObject(this, 'Array.prototype.includes');
    var length = toLength(o.length);
    var k = toInteger(arguments[1]);
    for (k = k < 0 ? Math.max(length + k, 0) : k; k < length; k++) {
      if (sameValueZero(o[k], searchElement)) {
        return true;
      }
    }
    return false;
  });

  define(String.prototype, 'includes', function includes(searchString) {
    var s = String(requireObject(this, 'String.prototype.includes'));
    if (searchString instanceof RegExp) {
      throw new TypeError('First argument to String.prototype.includes must not be a regular'
          + ' expression');
    }
    return s.indexOf(String(searchString), toInteger(arguments[1])) !== -1;
  });

  // @builtin findIndex
  define(Array.prototype, 'findIndex', function findIndex(predicate) {
    return firstMatch(this, predicate, arguments[1], 'Array.prototype.findIndex');
  });

  // @builtin find
  define(Array.prototype, 'find', function find(predicate) {
    var k = firstMatch(this, predicate, arguments[1], 'Array.prototype.find');
    return k < 0 ? undefined : Object(this)[k];
  });

  // @builtin from
  // Iterables (Set, Map, strings) through for...of; array-likes by index.
  define(Array, 'from', function from(items) {
    var mapFn = arguments[1];
    var thisArg = arguments[2];
    if (mapFn !== undefined) {
      requireFunction(mapFn, 'Array.from');
    }
    var source = requireObject(items, 'Array.from');
    var result = [];
    var k = 0;
    if (typeof source[Symbol.iterator] === 'function') {
      for (var value of source) {
        result.push(mapFn === undefined ? value : mapFn.call(thisArg, value, k));
        k++;
      }
      return result;
    }
    var length = toLength(source.length);
    for (; k < length; k++) {
      result.push(mapFn === undefined ? source[k] : mapFn.call(thisArg, source[k], k));
    }
    return result;
  });

  // @builtin of
  define(Array, 'of', function of() {
    return Array.prototype.slice.call(arguments);
  });

  // @builtin assign
  define(Object, 'assign', function assign(target) {
    var to = requireObject(target, 'Object.assign');
    for (var i = 1; i < arguments.length; i++) {
      var source = arguments[i];
      if (source === null || source === undefined) {
        continue;
      }
      var from = Object(source);
      var keys = Object.keys(from);
      for (var j = 0; j < keys.length; j++) {
        to[keys[j]] = from[keys[j]];
      }
    }
    return to;
  });

  // @builtin values
  define(Object, 'values', function values(object) {
    var o = requireObject(object, 'Object.values');
    return Object.keys(o).map(function (key) { return o[key]; });
  });

  // @builtin entries
  define(Object, 'entries', function entries(object) {
    var o = requireObject(object, 'Object.entries');
    return Object.keys(o).map(function (key) { return [key, o[key]]; });
  });

  // @builtin isInteger
  define(Number, 'isInteger', function isInteger(value) {
    return typeof value === 'number' && isFinite(value) && Math.floor(value) === value;
  });

  // @builtin isNaN
  define(Number, 'isNaN', function isNaN(value) {
    return typeof value === 'number' && value !== value;
  });

  // @builtin isFinite
  define(Number, 'isFinite', function isFinite(value) {
    return typeof value === 'number' && value === value
        && value !== Infinity && value !== -Infinity;
  });

  // @builtin padStart
  define(String.prototype, 'padStart', pad('String.prototype.padStart', true));

  // @builtin padEnd
  define(String.prototype, 'padEnd', pad('String.prototype.padEnd', false));

  // @builtin trunc
  define(Math, 'trunc', function trunc(x) {
    var n = Number(x);
    return n < 0 ? Math.ceil(n) : Math.floor(n);
  });

  // @builtin sign
  define(Math, 'sign', function sign(x) {
    var n = Number(x);
    return n > 0 ? 1 : n < 0 ? -1 : n;
  });

  // @end
})();
