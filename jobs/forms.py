"""« Importer des données », worded like the vendor guide (UnDeuxTEMPS « Liaison NetSynchro » §4.1)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from establishments.models import Establishment
from establishments.school_years import current_school_year, school_year_label, selectable_school_years
from jobs.imports import SOURCE_FILES, SOURCE_NETSYNCHRO, ImportRequest
from jobs.uploads import too_large_message
from siecle.importing import ImportFile, ImportOptions

ACCEPTED_SUFFIXES = (".zip", ".xml")
STS_FILE_NEEDED = "Choisissez le fichier STS-Web à importer, un seul : sts_emp_<UAI>_<ANNÉE>.xml (ou .zip)."
ONE_KIND_AT_A_TIME = (
    "Cochez une seule donnée à la fois : importez d'abord « Élèves et responsables », "
    "puis « Structures et services (STS-Web) » (ou l'inverse)."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    eleves = forms.BooleanField(label="Élèves et responsables", initial=True, required=False)
    sts = forms.BooleanField(label="Structures et services (STS-Web)", required=False)
    source = forms.ChoiceField(
        label="Source des données",
        choices=[(SOURCE_NETSYNCHRO, "SIECLE via NetSynchro"), (SOURCE_FILES, "Fichiers SIECLE")],
        initial=SOURCE_NETSYNCHRO,
        widget=forms.RadioSelect,
    )
    files = MultipleFileField(  # type: ignore[assignment]  # the field is named like the form's upload dict
        label="Fichiers SIECLE",
        required=False,
        help_text="ElevesAvecAdresses (ou ElevesSansAdresses), ResponsablesAvecAdresses, Nomenclature, Structures : "
        "fichiers .zip ou .xml exportés de SIECLE BEE, sélectionnés ensemble. Chacun est reconnu par son contenu. "
        "Pour « Structures et services (STS-Web) » : le seul fichier sts_emp_<UAI>_<ANNÉE>.xml (ou .zip) de STS-Web, "
        "« Exports > Emploi du temps ».",
    )
    school_year = forms.TypedChoiceField(label="Année scolaire", coerce=int)
    with_nomenclatures = forms.BooleanField(
        label="Avec nomenclatures",
        required=False,
        help_text="Importe les nomenclatures en même temps que les élèves, et ainsi les options des élèves.",
    )
    keep_existing = forms.BooleanField(
        label="Conserver les élèves déjà présents",
        required=False,
        help_text="Sinon, les élèves absents des fichiers sont marqués sortis (jamais supprimés).",
    )
    groups = forms.BooleanField(label="Importer la répartition des élèves dans les groupes", required=False)
    no_preview = forms.BooleanField(label="Importer sans aperçu", required=False)
    uai = forms.ChoiceField(label="Établissement")

    def __init__(
        self,
        *args: Any,
        establishments: list[Establishment],
        current: Establishment,
        oversized: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._establishments = {item.uai: item for item in establishments}
        self._oversized = oversized
        cast(forms.ChoiceField, self.fields["uai"]).choices = [
            (item.uai, f"{item.uai} — {item.name}") for item in establishments
        ]
        self.fields["uai"].initial = current.uai
        cast(forms.ChoiceField, self.fields["school_year"]).choices = [
            (year, school_year_label(year)) for year in selectable_school_years()
        ]
        self.fields["school_year"].initial = current_school_year()

    @property
    def option_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("with_nomenclatures", "keep_existing", "groups", "no_preview")]

    @property
    def several_establishments(self) -> bool:
        return len(self._establishments) > 1

    def clean_files(self) -> list[UploadedFile]:
        uploads = self.cleaned_data["files"]
        errors = [too_large_message(name) for name in self._oversized]
        if len(uploads) + len(self._oversized) > settings.IMPORT_UPLOAD_MAX_FILES:
            errors.append(f"{settings.IMPORT_UPLOAD_MAX_FILES} fichiers au plus : un par type d'export.")
        errors += [
            f"« {upload.name} » n'est ni un .zip ni un .xml exporté de SIECLE."
            for upload in uploads
            if not upload.name.lower().endswith(ACCEPTED_SUFFIXES)
        ]
        if errors:
            raise forms.ValidationError(errors)
        return uploads

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("eleves") and data.get("sts"):
            # Two imports share one slot per establishment: one data kind per import keeps each preview whole.
            self.add_error("sts", ONE_KIND_AT_A_TIME)
        elif data.get("sts"):
            if len(data.get("files") or []) != 1 and "files" not in self.errors:
                self.add_error("files", STS_FILE_NEEDED)
        elif not data.get("eleves"):
            self.add_error("eleves", "Cochez « Élèves et responsables » ou « Structures et services (STS-Web) ».")
        elif data.get("source") == SOURCE_FILES and not data.get("files") and "files" not in self.errors:
            self.add_error("files", "Choisissez les fichiers SIECLE à importer.")
        return data

    @property
    def imports_sts(self) -> bool:
        return bool(self.cleaned_data.get("sts"))

    def sts_upload(self) -> ImportFile:
        [upload] = self.cleaned_data["files"]
        return ImportFile(name=upload.name, data=upload.read())

    @property
    def establishment(self) -> Establishment:
        return self._establishments[self.cleaned_data["uai"]]

    def import_request(self) -> ImportRequest:
        options = ImportOptions(
            with_nomenclatures=self.cleaned_data["with_nomenclatures"],
            keep_existing=self.cleaned_data["keep_existing"],
            groups=self.cleaned_data["groups"],
        )
        return ImportRequest(
            source=self.cleaned_data["source"], options=options, preview=not self.cleaned_data["no_preview"]
        )

    def import_files(self) -> list[ImportFile]:
        if self.cleaned_data["source"] != SOURCE_FILES:
            return []
        return [ImportFile(name=upload.name, data=upload.read()) for upload in self.cleaned_data["files"]]
