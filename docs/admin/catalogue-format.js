/* The canonical YAML of catalogue files, written by the browser editor: the same bytes as `catalogue fmt`
   (macros/read/fmt.py; a test compares the two over the whole catalogue, so change both together).
   Key order comes from the shapes in admin/setup.json, generated from the schemas. Reading uses js-yaml. */
(function (global) {
  "use strict";
  var WIDTH = 100;
  var NOT_TEXT = new RegExp(
    "^(?:[-+.]?[0-9][0-9a-zA-Z_.:+-]*" +
    "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*" +
    "|[-+]?\\.(?:inf|Inf|INF|nan|NaN|NAN)" +
    "|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE" +
    "|on|On|ON|off|Off|OFF|null|Null|NULL|~|=|<<)$");
  var INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
  var UNSAFE = /[\x00-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;
  var UNSAFE_ALL = /[\x00-\x1f\x7f-\x9f\ufeff\u2028\u2029]/g;

  function strip(text) { return text.replace(/^ +| +$/g, ""); }
  function len(text) { return Array.from(text).length; }  // code points, as Python counts

  function quoted(text) {
    var json = JSON.stringify(text);
    return json.replace(UNSAFE_ALL, function (c) { return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4); });
  }

  function plainOk(text) {
    return !!text && text === strip(text) && INDICATORS.indexOf(text[0]) < 0 && !UNSAFE.test(text) &&
      text.indexOf(": ") < 0 && text.indexOf(" #") < 0 && text[text.length - 1] !== ":" && !NOT_TEXT.test(text);
  }

  function foldable(text) {
    return text.indexOf(" ") >= 0 && text === strip(text) && text.indexOf("  ") < 0 && !UNSAFE.test(text);
  }

  function literalOk(text) {
    var lines = text.split("\n");
    var body = /\n$/.test(text) ? lines.slice(0, -1) : lines;
    return body.length > 0 && body[0] !== "" && body[0][0] !== " " && !/\n\n$/.test(text) &&
      !UNSAFE.test(text.replace(/\n/g, "")) && !body.some(function (line) { return line && strip(line) === ""; });
  }

  function string(prefix, text, indent) {
    var pad = " ".repeat(indent);
    if (text.indexOf("\n") >= 0 && literalOk(text)) {
      var ends = /\n$/.test(text);
      var body = ends ? text.slice(0, -1) : text;
      return [prefix + " " + (ends ? "|" : "|-")].concat(body.split("\n").map(function (line) {
        return line ? pad + line : "";
      }));
    }
    if (text.indexOf("\n") < 0) {
      if (plainOk(text) && len(prefix) + 1 + len(text) <= WIDTH) return [prefix + " " + text];
      if (len(prefix) + 1 + len(quoted(text)) > WIDTH && foldable(text)) {
        var out = [prefix + " >-"], line = "";
        text.split(" ").forEach(function (word) {
          if (line && len(pad) + len(line) + 1 + len(word) > WIDTH) { out.push(pad + line); line = word; }
          else line = line ? line + " " + word : word;
        });
        out.push(pad + line);
        return out;
      }
    }
    return [prefix + " " + quoted(text)];
  }

  function scalar(value) {
    if (value === true) return "true";
    if (value === false) return "false";
    if (value === null || value === undefined) return "null";
    return String(value);
  }

  function key(name) { return plainOk(name) ? name : quoted(name); }

  function mapping(map, shape, indent, firstPrefix) {
    var order = (shape && shape.keys) || [];
    var keys = order.filter(function (k) { return k in map; })
      .concat(Object.keys(map).filter(function (k) { return order.indexOf(k) < 0; }));
    var lines = [];
    keys.forEach(function (k) {
      var lead = firstPrefix !== undefined && !lines.length ? firstPrefix : " ".repeat(indent);
      var child = shape && shape.props ? shape.props[k] : undefined;
      lines = lines.concat(value(lead + key(k) + ":", map[k], child, indent));
    });
    return lines;
  }

  function isMap(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  function value(prefix, v, shape, indent) {
    if (isMap(v)) return Object.keys(v).length ? [prefix].concat(mapping(v, shape, indent + 2)) : [prefix + " {}"];
    if (Array.isArray(v)) return v.length ? [prefix].concat(sequence(v, shape, indent + 2)) : [prefix + " []"];
    if (typeof v === "string") return string(prefix, v, indent + 2);
    return [prefix + " " + scalar(v)];
  }

  function sequence(items, shape, indent) {
    var itemShape = shape && shape.items;
    var dash = " ".repeat(indent) + "-";
    var lines = [];
    items.forEach(function (item) {
      if (isMap(item) && Object.keys(item).length) lines = lines.concat(mapping(item, itemShape, indent + 2, dash + " "));
      else lines = lines.concat(value(dash, item, itemShape, indent));
    });
    return lines;
  }

  /* What the form leaves behind: empty optional fields (a required list may be empty), and text items held as {text: …} in a list of
     texts and objects. */
  function clean(v, shape) {
    if (Array.isArray(v)) {
      var itemShape = shape && shape.items;
      return v.map(function (item) {
        var c = clean(item, itemShape);
        if (itemShape && itemShape.text_or_object && isMap(c) && Object.keys(c).length === 1 &&
            typeof c.text === "string" && c.text.indexOf("\n") < 0) return c.text;
        return c;
      }).filter(function (item) { return !empty(item); });
    }
    if (isMap(v)) {
      var out = {};
      var required = (shape && shape.required) || [];
      Object.keys(v).forEach(function (k) {
        var c = clean(v[k], shape && shape.props ? shape.props[k] : undefined);
        if (!empty(c) || (Array.isArray(c) && required.indexOf(k) >= 0)) out[k] = c;  // roles: [] is an answer
      });
      return out;
    }
    return v;
  }

  function empty(v) {
    return v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length) ||
      (isMap(v) && !Object.keys(v).length);
  }

  function toText(data, shape) {
    var lines = ["# yaml-language-server: $schema=" + (shape.schema_folder || "../schema") + "/" + shape.schema + ".schema.json"]
      .concat(mapping(data, shape, 0));
    return lines.join("\n") + "\n";
  }

  function fromFile(text, shape) {
    var data = global.jsyaml.load(text) || {};
    (function open(v, s) {  // a text item in a list of texts and objects becomes {text: …} for the form
      if (Array.isArray(v)) {
        v.forEach(function (item, i) {
          if (s && s.items && s.items.text_or_object && typeof item === "string") v[i] = {text: item};
          else open(item, s && s.items);
        });
      } else if (isMap(v)) {
        Object.keys(v).forEach(function (k) { open(v[k], s && s.props ? s.props[k] : undefined); });
      }
    })(data, shape);
    return data;
  }

  global.CatalogueFormat = {
    toText: toText,
    format: function (data, shape) { return toText(clean(data, shape), shape); },
    fromFile: fromFile,
  };
})(typeof window !== "undefined" ? window : globalThis);
