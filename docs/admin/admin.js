/* Starts the browser editor (Decap CMS) once the generated setup is loaded: one YAML format per catalogue
   folder (the canonical form of `catalogue fmt`, see catalogue-format.js), the site's own styles in the
   preview, and a preview that shows every field the way the site's text looks. */
(function () {
  "use strict";
  /* On the editor's own machine (`make edit`), decap-server writes straight to the files: no pull request,
     so the publish mode is the one the local backend offers. Anywhere else saving opens a pull request. */
  function localModes(url) {
    if (["localhost", "127.0.0.1", "[::1]"].indexOf(location.hostname) < 0) return Promise.resolve(null);
    return fetch(url, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({action: "info"})})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (info) { return info && info.publish_modes; }, function () { return null; });
  }
  function get(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.text();
    });
  }
  /* config.yml is read here, not by Decap: web servers give .yml files no YAML content type, which Decap
     refuses. */
  Promise.all([get("setup.json"), get("config.yml")]).then(function (texts) {
    var setup = JSON.parse(texts[0]);
    var config = window.jsyaml.load(texts[1]);
    return localModes(config.local_backend.url).then(function (modes) { start(setup, config, modes); });
  });

  function start(setup, config, modes) {
    var CMS = window.CMS;
    Object.keys(setup.shapes).forEach(function (kind) {
      var shape = setup.shapes[kind];
      CMS.registerCustomFormat("catalogue-" + kind, "yml", {
        fromFile: function (text) { return window.CatalogueFormat.fromFile(text, shape); },
        toFile: function (data) { return window.CatalogueFormat.format(data, shape); },
      });
    });
    setup.preview_styles.forEach(function (href) { CMS.registerPreviewStyle(href); });
    var Preview = window.createClass({
      render: function () {
        var props = this.props;
        var fields = props.collection.get("fields");
        return window.h("article", {className: "md-typeset catalogue-preview", style: {padding: "1rem 1.5rem"}},
          fields.map(function (field) {
            var name = field.get("name");
            var value = props.entry.getIn(["data", name]);
            if (value === undefined || value === null || value === "") return null;
            return window.h("section", {key: name},
              window.h("h3", {}, field.get("label")),
              props.widgetFor(name));
          }).toArray());
      },
    });
    Object.keys(setup.shapes).forEach(function (kind) { CMS.registerPreviewTemplate(kind, Preview); });
    config.load_config_file = false;
    if (modes && modes.indexOf("editorial_workflow") < 0) config.publish_mode = "simple";
    CMS.init({config: config});
  }
})();
