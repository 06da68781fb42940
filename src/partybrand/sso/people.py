"""A person as the company directory or the single sign-on provider describes them."""

from dataclasses import dataclass

from partybrand.orgs.validators import mask_id_number, normalize_staff_number


@dataclass(frozen=True)
class DirectoryPerson:
    provider: str  # Provider value
    subject: str  # the directory's user name, the provider's `sub`
    username: str  # the user name proposed for a new platform account
    name: str = ""
    email: str = ""
    id_number: str = ""
    staff_number: str = ""

    def __post_init__(self):
        object.__setattr__(self, "id_number", (self.id_number or "").strip().upper())
        object.__setattr__(self, "staff_number", normalize_staff_number(self.staff_number))

    def described(self) -> dict:
        """What the audit log may keep of the person: the ID number masked."""
        return {
            "provider": self.provider,
            "subject": self.subject,
            "name": self.name,
            "staff_number": self.staff_number,
            "id_number": mask_id_number(self.id_number),
        }


class SignInRefused(Exception):
    """The directory knows the person, but the platform does not let them in; `message` tells
    them why, in words they can act on."""

    def __init__(self, message: str, member=None):
        super().__init__(message)
        self.message = message
        self.member = member
