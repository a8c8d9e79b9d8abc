"""Who the simulated technician works for: the customers, their remote partners (known to
trayclock from the imported customers file, or met for the first time), and the file."""

from __future__ import annotations

from dataclasses import dataclass

APPS = ("anydesk", "teamviewer", "rustdesk")


@dataclass(frozen=True, slots=True)
class Customer:
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Partner:
    """A remote computer. `mapped`: listed in the imported customers file, so its sessions
    attach by themselves; otherwise trayclock asks the first time (the tech knows `customer`)."""

    app: str
    partner_id: str  # as the tool's log writes it (digits)
    customer: str  # the key of the customer it belongs to
    mapped: bool

    @property
    def shown_id(self) -> str:
        """As the tool's window title shows it: AnyDesk and TeamViewer group by three."""
        if self.app == "rustdesk":
            return self.partner_id
        digits = self.partner_id
        head = len(digits) % 3 or 3
        groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
        return " ".join(groups)

    @property
    def title(self) -> str:
        if self.app == "anydesk":
            return f"{self.shown_id} - AnyDesk"
        if self.app == "teamviewer":
            return f"{self.shown_id} - TeamViewer"
        return f"{self.shown_id} - Remote Desktop - RustDesk"

    @property
    def wm_class(self) -> str:
        return {"anydesk": "anydesk", "teamviewer": "TeamViewer", "rustdesk": "rustdesk"}[self.app]


CUSTOMERS = (
    Customer("acme", "ACME Industries"),
    Customer("beta", "Beta Bakery"),
    Customer("cafe", "Café Müller"),
    Customer("delta", "Delta Dental"),
    Customer("echo", "Echo Logistics"),
    Customer("fox", "Foxtrot GmbH"),
    Customer("gamma", "Gamma Legal"),
    Customer("hotel", "Hotel Ilse"),
    Customer("iris", "Iris Optik"),
    Customer("juno", "Juno Kita"),
)
NEW_CUSTOMERS = (  # not in the file: typed into the prompt, created there
    Customer("kilo-kanzlei", "Kilo Kanzlei"),
    # é, ü and ß typed into the prompt: the CI day answers its one prompt with this customer
    # (test_week_sim_plan.py holds it), so every run proves such a name arrives as typed.
    Customer("cafe-suess", "Café Süß"),
)


def _partners() -> tuple[Partner, ...]:
    made: list[Partner] = []
    for index, customer in enumerate(CUSTOMERS):
        for app_index, app in enumerate(APPS):
            if (index + app_index) % 3 == 2:
                continue  # not every customer is reached with every tool
            digits = f"{(index + 1) * 111_000_000 + (app_index + 1) * 10_101 + 7:09d}"
            made.append(Partner(app, digits, customer.key, mapped=True))
    # Partners trayclock has not seen: some of known customers, some of new ones.
    unknown = [
        ("anydesk", "804117293", "beta"),
        ("teamviewer", "1402558816", "echo"),
        ("rustdesk", "560913427", "gamma"),
        ("anydesk", "731560248", "kilo-kanzlei"),
        ("teamviewer", "1688204975", "cafe-suess"),
        ("rustdesk", "492718065", "juno"),
        ("anydesk", "918273645", "acme"),
        ("teamviewer", "1299385512", "hotel"),
        ("rustdesk", "377104925", "iris"),
        ("anydesk", "645820193", "delta"),
        ("teamviewer", "1530672948", "fox"),
        ("rustdesk", "208374615", "kilo-kanzlei"),
        ("anydesk", "559016274", "cafe-suess"),
        ("teamviewer", "1847201639", "cafe"),
        ("rustdesk", "731946208", "acme"),
        ("anydesk", "286401957", "juno"),
    ]
    made += [Partner(app, pid, key, mapped=False) for app, pid, key in unknown]
    return tuple(made)


PARTNERS = _partners()


def typed_names() -> list[str]:
    """Every name the technician may type into the prompt: its customers' names."""
    return [c.name for c in CUSTOMERS + NEW_CUSTOMERS]


def customer_name(key: str) -> str:
    for customer in CUSTOMERS + NEW_CUSTOMERS:
        if customer.key == key:
            return customer.name
    raise KeyError(key)


def company_settings() -> dict[str, object]:
    """The company file every technician imports (`trayclock settings import`, docs/rollout.md):
    the rules, the customers and the partners known to belong to them."""
    customers = []
    for customer in CUSTOMERS:
        mine = [
            {"app": p.app, "id": p.partner_id}
            for p in PARTNERS
            if p.customer == customer.key and p.mapped
        ]
        customers.append({"key": customer.key, "name": customer.name, "partners": mine})
    policy = {
        "rate": "85.00",
        "currency": "EUR",
        "increment_minutes": 15,
        "timezone": "Europe/Berlin",
        "business_hours": {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"},
    }
    return {"trayclock_settings": 1, "policy": policy, "customers": customers}
