// Refuses a too-big file in the browser, before it is read and sent to the kernel.
// ipywidgets' FileUpload reads every chosen file with FileReader.readAsArrayBuffer and
// sends it in one websocket message; a file larger than the server's websocket limit
// silently drops the connection. A page that takes uploads renders
// <span class="cd-upload-limit" data-max-bytes="…" data-message="…"> and an empty
// .cd-upload-limit-message box; a file over the limit is then not read (the upload
// fails quietly on the widget's side) and the message, in the page's language, is shown.
(function () {
  "use strict";
  if (typeof FileReader === "undefined") {
    return;
  }
  var original = FileReader.prototype.readAsArrayBuffer;

  function box() {
    return document.querySelector(".cd-upload-limit-message");
  }

  FileReader.prototype.readAsArrayBuffer = function (blob) {
    var limit = document.querySelector(".cd-upload-limit");
    var max = limit ? parseInt(limit.getAttribute("data-max-bytes"), 10) : NaN;
    var message = box();
    if (blob && max > 0 && blob.size > max) {
      if (message) {
        message.textContent = limit.getAttribute("data-message") || "";
        message.hidden = false;
      }
      var reader = this;
      window.setTimeout(function () {
        if (typeof reader.onerror === "function") {
          reader.onerror(new ProgressEvent("error"));
        }
      }, 0);
      return undefined;
    }
    if (message) {
      message.hidden = true;
      message.textContent = "";
    }
    return original.apply(this, arguments);
  };
})();
