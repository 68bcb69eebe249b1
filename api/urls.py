"""``/api/v1/``: the schema and its docs page (public), the user's establishments, and the
establishment-level endpoints under ``establishments/<uai>/``, each guarded like the pages.

Every endpoint there is an ``EstablishmentApiView`` subclass with its ``required_roles``.
"""

from __future__ import annotations

from django.urls import include, path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.apis.certificates import CertificateStatusApi
from api.apis.establishments import EstablishmentDetailApi, EstablishmentListApi
from api.apis.exports import ExportFileApi, ExportStartApi
from api.apis.jobs import ImportStartApi, JobCancelApi, JobConfirmApi, JobDetailApi, JobListApi
from api.apis.structures import DivisionDetailApi, DivisionListApi, GroupDetailApi, GroupListApi
from api.apis.students import StudentDetailApi, StudentListApi
from api.apis.timetables import CourseWeekApi, RoomListApi, TeacherListApi
from api.converters import UaiConverter
from api.errors import unknown_path

register_converter(UaiConverter, "uai")

app_name = "api"

establishment_patterns = [
    path("", EstablishmentDetailApi.as_view(), name="establishment"),
    path("students/", StudentListApi.as_view(), name="students"),
    path("students/<uuid:student_id>/", StudentDetailApi.as_view(), name="student"),
    path("divisions/", DivisionListApi.as_view(), name="divisions"),
    path("divisions/<uuid:division_id>/", DivisionDetailApi.as_view(), name="division"),
    path("groups/", GroupListApi.as_view(), name="groups"),
    path("groups/<uuid:group_id>/", GroupDetailApi.as_view(), name="group"),
    path("certificate/", CertificateStatusApi.as_view(), name="certificate"),
    path("teachers/", TeacherListApi.as_view(), name="teachers"),
    path("rooms/", RoomListApi.as_view(), name="rooms"),
    path("courses/", CourseWeekApi.as_view(), name="courses"),
    path("jobs/", JobListApi.as_view(), name="jobs"),
    path("jobs/<uuid:job_id>/", JobDetailApi.as_view(), name="job"),
    path("jobs/<uuid:job_id>/confirm/", JobConfirmApi.as_view(), name="job_confirm"),
    path("jobs/<uuid:job_id>/cancel/", JobCancelApi.as_view(), name="job_cancel"),
    path("imports/", ImportStartApi.as_view(), name="imports"),
    path("exports/", ExportStartApi.as_view(), name="exports"),
    path("exports/<uuid:export_id>/file/", ExportFileApi.as_view(), name="export_file"),
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("establishments/", EstablishmentListApi.as_view(), name="establishments"),
    path("establishments/<uai:uai>/", include(establishment_patterns)),
    re_path(r"^.*$", unknown_path, name="unknown"),  # last: everything else answers the JSON 404
]
