"""Reads of enterprise sign-in: the member a directory person is, and who signs in how."""

from partybrand.orgs.models import Member
from partybrand.sso.models import ExternalIdentity
from partybrand.sso.people import DirectoryPerson, SignInRefused

NO_KEYS = (
    "统一身份认证没有提供您的工号或身份证号，无法与党员名册对应，不能登录。"
    "请联系单位信息中心在目录中登记。"
)
NO_MEMBER = (
    "党员名册中没有与您的工号或身份证号对应的在册党员，不能登录。"
    "请联系所在党组织或党建工作部核对名册中的工号、身份证号。"
)
TWO_MEMBERS = "您的工号和身份证号分别对应名册中的两名党员，不能登录。请联系党建工作部核对名册。"


def member_for_person(person: DirectoryPerson, *, lock: bool = False) -> Member:
    """The member on the rolls with the person's staff number or ID number (the same one when
    both are given), else SignInRefused."""
    if not (person.staff_number or person.id_number):
        raise SignInRefused(NO_KEYS)
    rolls = Member.objects.filter(is_active=True)
    by_staff = (
        rolls.filter(staff_number=person.staff_number).first() if person.staff_number else None
    )
    by_id = rolls.filter(id_number=person.id_number).first() if person.id_number else None
    if by_staff and by_id and by_staff.pk != by_id.pk:
        raise SignInRefused(TWO_MEMBERS)
    member = by_staff or by_id
    if member is None:
        raise SignInRefused(NO_MEMBER)
    if lock:
        rows = Member.objects.select_for_update(of=("self",))
        member = rows.select_related("org", "user").get(pk=member.pk)
    return member


def is_external(user) -> bool:
    """Whether the account signs in through the directory or the provider (no local password)."""
    return ExternalIdentity.objects.filter(user_id=user.pk).exists()


def identities_of(user) -> list[ExternalIdentity]:
    return list(ExternalIdentity.objects.filter(user_id=user.pk).order_by("provider"))
