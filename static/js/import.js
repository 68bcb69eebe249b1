// « Importer des données »: the establishment step appears after « Suivant » (without JavaScript, both
// steps show at once); the file input only matters for the « Fichiers SIECLE » source or the STS-Web file.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("[data-import-form]");
  if (!form) return;
  const first = form.querySelector('[data-step="1"]');
  const second = form.querySelector('[data-step="2"]');
  const filesBlock = form.querySelector("[data-files-block]");
  const showFiles = () => {
    const source = form.querySelector('input[name="source"]:checked');
    const sts = form.querySelector('input[name="sts"]');  // the STS-Web file is always uploaded
    filesBlock.hidden = !(sts && sts.checked) && (!source || source.value !== "files");
  };
  form.querySelectorAll('input[name="source"], input[name="sts"]').forEach((input) => input.addEventListener("change", showFiles));
  showFiles();
  if (!second) return;
  const show = (step) => {
    first.hidden = step !== 1;
    second.hidden = step !== 2;
  };
  form.querySelector("[data-next]").addEventListener("click", () => show(2));
  form.querySelector("[data-previous]").addEventListener("click", () => show(1));
  show(form.querySelector(".errorlist") && !form.querySelector('[data-step="1"] .errorlist') ? 2 : 1);
});
