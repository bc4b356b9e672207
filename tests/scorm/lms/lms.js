// A test LMS: scorm-again's Scorm12API as window.API, every call the SCO makes recorded,
// the package's launch page in an iframe. The test calls launch(initialCmi) itself.
"use strict";
window.launch = function (initial, src) {
  var api = new window.Scorm12API({ autocommit: false, logLevel: 5 });
  if (initial) api.loadFromJSON(initial);
  window.API = api;
  window.lmsLog = [];
  window.lmsCalls = [];
  window.lmsErrors = [];
  api.on("LMSSetValue.cmi.*", function (element, value) { window.lmsLog.push([element, value]); });
  ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (name) {
    api.on(name, function () { window.lmsCalls.push(name); });
  });
  var getError = api.LMSGetLastError.bind(api);
  api.LMSGetLastError = function () {
    var code = getError();
    if (String(code) !== "0") window.lmsErrors.push(String(code));
    window.lmsCalls.push("LMSGetLastError");
    return code;
  };
  document.getElementById("sco").src = src;
};
