// Choosing an establishment opens the same page under that establishment (the option's value).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-switcher-select]").forEach((select) => {
    select.addEventListener("change", () => {
      window.location.assign(select.value);
    });
  });
});
