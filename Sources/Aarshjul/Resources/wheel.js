(function () {
  "use strict";
  var root = document.documentElement;
  window.addEventListener("error", function (event) { root.setAttribute("data-wheel-error", String(event.message)); });
  var details = document.getElementById("details");
  var figure = details ? details.parentNode : null;
  var lit = [];
  function light(elements) { for (var i = 0; i < elements.length; i++) { elements[i].classList.add("hl"); lit.push(elements[i]); } }
  function clear() { while (lit.length) { lit.pop().classList.remove("hl"); } }
  function ids(element) { return (element.getAttribute("data-o") || "").split(" ").filter(function (x) { return x; }); }
  function place(element) {
    var box = element.getBoundingClientRect(), frame = figure.getBoundingClientRect();
    var left = box.right - frame.left + 10, top = box.top - frame.top - 8;
    details.hidden = false;
    if (left + details.offsetWidth > frame.width) { left = Math.max(0, box.left - frame.left - details.offsetWidth - 10); }
    if (top + details.offsetHeight > frame.height) { top = Math.max(0, frame.height - details.offsetHeight); }
    details.style.left = left + "px";
    details.style.top = Math.max(0, top) + "px";
  }
  function showMark(element) {
    if (!details) { return; }
    clear();
    details.textContent = "";
    var list = ids(element);
    for (var i = 0; i < list.length && i < 10; i++) {
      var item = document.getElementById("o-" + list[i]);
      if (!item) { continue; }
      light([item]);
      var card = item.querySelector(".card");
      if (card) { details.appendChild(card.cloneNode(true)); }
    }
    if (list.length > 10) {
      var more = document.createElement("div");
      more.className = "more";
      more.textContent = "+ " + (list.length - 10);
      details.appendChild(more);
    }
    light([element]);
    place(element);
  }
  function showConflict(element) {
    if (!details) { return; }
    clear();
    var item = document.getElementById("k-" + element.getAttribute("data-c"));
    details.textContent = "";
    if (item) {
      light([item]);
      var heading = item.querySelector("h3"), text = item.querySelector("p");
      if (heading) { details.appendChild(heading.cloneNode(true)); }
      if (text) { details.appendChild(text.cloneNode(true)); }
    }
    light([element]);
    place(element);
  }
  function hide() { clear(); if (details) { details.hidden = true; } }
  var marks = document.querySelectorAll(".aw-mark");
  for (var i = 0; i < marks.length; i++) {
    (function (mark) {
      mark.addEventListener("mouseenter", function () { showMark(mark); });
      mark.addEventListener("focus", function () { showMark(mark); });
      mark.addEventListener("mouseleave", hide);
      mark.addEventListener("blur", hide);
    })(marks[i]);
  }
  var conflicts = document.querySelectorAll(".aw-conflict");
  for (var j = 0; j < conflicts.length; j++) {
    (function (mark) {
      mark.addEventListener("mouseenter", function () { showConflict(mark); });
      mark.addEventListener("focus", function () { showConflict(mark); });
      mark.addEventListener("mouseleave", hide);
      mark.addEventListener("blur", hide);
    })(conflicts[j]);
  }
  function lightFromList(item) {
    clear();
    var key = item.getAttribute("data-o"), number = item.getAttribute("data-c");
    if (key) { light(document.querySelectorAll('.aw-mark[data-o~="' + key + '"]')); }
    if (number) { light(document.querySelectorAll('.aw-conflict[data-c="' + number + '"]')); }
  }
  var items = document.querySelectorAll("li.occ, li.conflict");
  for (var k = 0; k < items.length; k++) {
    (function (item) {
      item.addEventListener("mouseenter", function () { lightFromList(item); });
      item.addEventListener("focusin", function () { lightFromList(item); });
      item.addEventListener("mouseleave", clear);
      item.addEventListener("focusout", clear);
    })(items[k]);
  }
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });
  root.setAttribute("data-wheel-ready", String(marks.length));
})();
