// Fills a time-zone box (input[data-browser-zone]) with the browser's own zone when it is empty or still the
// default UTC, so a new account starts in the patient's zone. The box stays visible and changeable; without this
// script the person types or picks the zone.
(function () {
  "use strict";
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (error) { return; }
  if (!zone) { return; }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-browser-zone]"), function (box) {
    if (!box.value || (box.value === "UTC" && zone !== "UTC")) { box.value = zone; }
  });
})();
