// Applies the saved theme before the page paints (dark unless the visitor chose light).
(function () {
  try {
    if (localStorage.getItem("wharf-theme") === "light") {
      document.documentElement.setAttribute("data-theme", "light");
    }
  } catch (e) { /* storage disabled: stay dark */ }
})();
