// "Quay lại trang trước" on the error pages: the browser's back (no javascript: link, which the
// Content-Security-Policy blocks). Without history the link keeps its href (the home page).
document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-back]");
  if (!link || window.history.length < 2) return;
  event.preventDefault();
  window.history.back();
});
