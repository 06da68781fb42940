"""The organisation as a subject of documents (the committee's 部署通知…), loaded through orgs'
access helper; brands register their own subject in brands' ready()."""

from partybrand.documents.registry import Subject
from partybrand.orgs.access import access_org
from partybrand.orgs.roles import Cap


def load_org(user, pk, for_edit: bool):
    # Who writes the brand programme's papers of an organisation: those who edit its brands.
    return access_org(user, pk, cap=Cap.EDIT_BRAND if for_edit else Cap.VIEW)


ORG = Subject(
    name="org",
    label="组织",
    load=load_org,
    org_of=lambda org: org,
    title_of=lambda org: org.name,
)
