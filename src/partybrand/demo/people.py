"""Believable party members: names, birth and join dates, phones and valid 身份证号."""

import random
from datetime import date, timedelta

from partybrand.demo.names import (
    FEMALE_CHARS,
    JOB_POOLS,
    MALE_CHARS,
    PHONE_PREFIXES,
    REGION_CODES,
    SURNAMES,
)
from partybrand.orgs.choices import Gender, MemberStatus
from partybrand.orgs.models import Member, Organization
from partybrand.orgs.validators import id_check_digit

PROBATIONARY_SHARE = 0.08
# The head of a unit of each kind, for the secretary's job title.
HEAD_TITLES = {
    "office": "部门主任",
    "maint": "班长",
    "ops": "值长",
    "fuel": "部门主任",
    "build": "项目经理",
    "design": "室主任",
    "renew": "场站站长",
    "supply": "中心主任",
    "sales": "班组长",
    "qa": "部门主任",
}
# Share of men by job pool: field crews are mostly men, offices and service desks mixed.
MALE_SHARE = {"office": 0.5, "sales": 0.55, "supply": 0.6, "design": 0.65, "qa": 0.65}


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class PeopleMaker:
    """Makes unsaved Member rows; phones and ID numbers are unique across one run."""

    def __init__(self, rng: random.Random, today: date):
        self.rng = rng
        self.today = today
        self.surnames = list(SURNAMES)
        self.surname_weights = list(SURNAMES.values())
        self.ids: set[str] = set()
        self.phones: set[str] = set()

    def name(self, gender: str) -> str:
        rng = self.rng
        surname = rng.choices(self.surnames, self.surname_weights)[0]
        chars = MALE_CHARS if gender == Gender.MALE else FEMALE_CHARS
        given_len = 1 if rng.random() < 0.28 else 2
        given = "".join(rng.choice(chars) for _ in range(given_len))
        if given_len == 2 and given[0] == given[1] and rng.random() < 0.7:
            given = given[0] + rng.choice(chars)
        return surname + given

    def phone(self) -> str:
        while True:
            number = self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def id_number(self, province: str, birth: date, gender: str) -> str:
        region = self.rng.choice(REGION_CODES[province])
        while True:
            seq = self.rng.randrange(100)
            # The 17th digit is odd for men and even for women (GB 11643).
            sex_digit = self.rng.choice("13579" if gender == Gender.MALE else "02468")
            first17 = f"{region}{birth:%Y%m%d}{seq:02d}{sex_digit}"
            number = first17 + id_check_digit(first17)
            if number not in self.ids:
                self.ids.add(number)
                return number

    def birth_date(self, first_year: int, last_year: int) -> date:
        start, end = date(first_year, 1, 1), date(last_year, 12, 31)
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))

    def member(
        self,
        org: Organization,
        pool: str,
        provinces: tuple[str, ...],
        post: str = "",
        status: str | None = None,
    ) -> Member:
        """One member of `org`; `post` (党支部书记, 组织委员…) makes a senior, full member."""
        rng = self.rng
        male = rng.random() < MALE_SHARE.get(pool, 0.78)
        gender = Gender.MALE if male else Gender.FEMALE
        if status is None:
            probationary = not post and rng.random() < PROBATIONARY_SHARE
            status = MemberStatus.PROBATIONARY if probationary else MemberStatus.FULL
        if status == MemberStatus.PROBATIONARY:
            birth = self.birth_date(1990, 2000)
            joined = self.today - timedelta(days=rng.randint(30, 330))
        else:
            birth = self.birth_date(1966, 1988) if post else self.birth_date(1965, 2000)
            join_age = 18 + min(int(rng.expovariate(1 / 6)), 30)
            joined = add_years(birth, join_age) + timedelta(days=rng.randint(0, 364))
            latest = self.today - timedelta(days=400)
            if joined > latest:
                joined = latest - timedelta(days=rng.randint(0, 200))
            joined = max(joined, add_years(birth, 18) + timedelta(days=1))
        job = rng.choice(JOB_POOLS[pool])
        if post == "党支部书记":
            job = f"党支部书记、{HEAD_TITLES[pool]}"
        elif post:
            job = f"{post}、{job}"
        return Member(
            org=org,
            name=self.name(gender),
            gender=gender,
            birth_date=birth,
            join_date=joined,
            status=status,
            job_title=job,
            phone=self.phone(),
            id_number=self.id_number(rng.choice(provinces), birth, gender),
        )
