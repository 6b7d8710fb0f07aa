// The eligibility index form opens /xet-danh-hieu/don-vi/<unit code>/ (no inline handler: the
// Content-Security-Policy allows scripts from our static files only).
document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-unit-table]");
  if (!form) return;
  form.action = form.dataset.unitTable + encodeURIComponent(form.elements.unit.value.trim()) + "/";
  form.elements.unit.disabled = true;
  window.setTimeout(function () { form.elements.unit.disabled = false; }, 0);
});
