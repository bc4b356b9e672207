/* ChatDojo static site: the advisor. Every answer was computed by the app's engine at
   export; this only reads the eight yes/no answers and shows the matching one. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cd-data").textContent);
  var form = document.getElementById("cd-advisor");
  var out = document.getElementById("cd-advice");
  function show() {
    var mask = 0;
    data.flags.forEach(function (flag, bit) {
      var yes = form.querySelector('input[name="' + flag + '"][value="1"]');
      if (yes && yes.checked) mask |= 1 << bit;
    });
    out.innerHTML = data.results[data.index[mask]];
    out.dataset.mask = String(mask);
  }
  form.addEventListener("change", show);
  form.addEventListener("reset", function () { setTimeout(show, 0); });
  show();
  document.getElementById("cd-app").dataset.ready = "1";
})();
