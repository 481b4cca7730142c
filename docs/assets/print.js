// "Print this page" (scripts/handout.py): the button is hidden without script; shown here, it opens
// the browser's print dialog. The page prints as a handout (the print styles in site.css).
document.querySelectorAll(".handout-print").forEach(function (box) {
  box.hidden = false;
  box.querySelector("button").addEventListener("click", function () { window.print(); });
});
