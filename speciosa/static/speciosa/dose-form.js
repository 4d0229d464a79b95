// The dose form: when the product changes, the unit follows it (its usual unit, and only the units that fit its
// form), and so does the amount while the person has not typed one. Without this script the server does the same
// when the form comes back (speciosa/diary/forms/doses.py).
(function () {
  "use strict";
  var product = document.querySelector(".dose-form select[name=product]");
  var unit = document.querySelector(".dose-form select[name=unit]");
  var amount = document.querySelector(".dose-form input[name=amount]");
  if (!product || !unit || !product.dataset.units) { return; }
  var facts = JSON.parse(product.dataset.units);
  var typed = false;
  if (amount) { amount.addEventListener("input", function () { typed = true; }); }
  function follow(initial) {
    var fact = facts[product.value];
    if (!fact) { return; }
    Array.prototype.forEach.call(unit.options, function (option) {
      var fits = fact.units.indexOf(option.value) !== -1;
      option.disabled = !fits;
      option.hidden = !fits;
    });
    if (!initial || fact.units.indexOf(unit.value) === -1) { unit.value = fact.usual_unit; }
    if (!initial && amount && !typed && fact.usual_amount) { amount.value = fact.usual_amount; }
  }
  product.addEventListener("change", function () { follow(false); });
  follow(true);
})();
