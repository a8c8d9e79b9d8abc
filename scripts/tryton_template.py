"""The one-time setup a fresh Tryton database needs before trayclock can sync to it.

Run by scripts/tryton-env.sh with the Tryton virtualenv's Python, after `trytond-admin`
created the database:  python tryton_template.py CONFIG DATABASE INFO_JSON

Through Tryton's own Python API, in one transaction: a currency, the company (its party,
time zone), an employee for the technician, the admin user given that company and employee
(record rules refuse timesheet lines otherwise), a chart of accounts through the
`account.create_chart` wizard (with its receivable/payable properties), a product category
whose revenue account the invoice lines use, and a service product sold by the hour. No
taxes: trayclock's engine prices net amounts and the draft invoice must total them exactly.
Writes INFO_JSON with what the tests need to know (ids, names, the product code).
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal

CURRENCY = {"name": "Euro", "code": "EUR", "symbol": "€", "rounding": Decimal("0.01"), "digits": 2}
COMPANY_NAME = "Trayclock Test Support GmbH"
COMPANY_TIMEZONE = "Europe/Berlin"
EMPLOYEE_NAME = "Test Technician"
PRODUCT_NAME = "Remote support"
PRODUCT_CODE = "trayclock-support"  # the adapter looks the product up by this code
LIST_PRICE = Decimal("85.0000")  # per hour; trayclock's engine prices, this is a default


def main(config_path: str, database: str, info_path: str) -> None:
    from trytond import config

    config.update_etc(config_path)
    from trytond.pool import Pool
    from trytond.transaction import Transaction, TransactionError

    Pool.start()
    pool = Pool(database)
    pool.init()
    extras: dict[str, object] = {}
    while True:  # Tryton's way: a transaction that must lock a table is started again
        with Transaction().start(database, 0, readonly=False, **extras) as transaction:
            try:
                info = _setup(pool, transaction)
            except TransactionError as error:
                transaction.rollback()
                error.fix(extras)
                continue
            transaction.commit()
            break
    with open(info_path, "w", encoding="utf-8") as out:
        json.dump(info, out, indent=2, sort_keys=True)


def _setup(pool, transaction):  # type: ignore[no-untyped-def]
    ModelData = pool.get("ir.model.data")
    Currency = pool.get("currency.currency")
    Party = pool.get("party.party")
    Company = pool.get("company.company")
    Employee = pool.get("company.employee")
    User = pool.get("res.user")

    currency = Currency(**CURRENCY)
    currency.save()
    company_party = Party(name=COMPANY_NAME, addresses=[{}])
    company_party.save()
    company = Company(party=company_party, currency=currency, timezone=COMPANY_TIMEZONE)
    company.save()
    employee_party = Party(name=EMPLOYEE_NAME, addresses=[{}])
    employee_party.save()
    employee = Employee(party=employee_party, company=company)
    employee.save()
    (admin,) = User.search([("login", "=", "admin")])
    User.write(
        [admin],
        {
            "companies": [("add", [company.id])],
            "company": company.id,
            "employees": [("add", [employee.id])],
            "employee": employee.id,
        },
    )
    with transaction.set_context(company=company.id):
        revenue = _create_chart(pool, company)
        Category = pool.get("product.category")
        category = Category(name="Services", accounting=True, account_revenue=revenue)
        category.save()
        Template = pool.get("product.template")
        template = Template(
            name=PRODUCT_NAME,
            type="service",
            default_uom=ModelData.get_id("product", "uom_hour"),
            list_price=LIST_PRICE,
            account_category=category,
            products=[{"suffix_code": ""}],
            code=PRODUCT_CODE,
        )
        template.save()
        (product,) = template.products
    return {
        "company": company.id,
        "company_name": COMPANY_NAME,
        "company_timezone": COMPANY_TIMEZONE,
        "currency": CURRENCY["code"],
        "employee": employee.id,
        "employee_name": EMPLOYEE_NAME,
        "product": product.id,
        "product_code": PRODUCT_CODE,
        "list_price": str(LIST_PRICE),
        "revenue_account": revenue.id,
    }


def _create_chart(pool, company):  # type: ignore[no-untyped-def]
    """The minimal English chart through the `account.create_chart` wizard; its revenue
    account."""
    ModelData = pool.get("ir.model.data")
    AccountTemplate = pool.get("account.account.template")
    Account = pool.get("account.account")
    CreateChart = pool.get("account.create_chart", type="wizard")

    template = AccountTemplate(ModelData.get_id("account", "account_template_root_en"))
    session_id, _, _ = CreateChart.create()
    wizard = CreateChart(session_id)
    wizard.account.account_template = template
    wizard.account.company = company
    wizard.transition_create_account()
    (receivable,) = Account.search(
        [("type.receivable", "=", True), ("party_required", "=", True),
         ("company", "=", company.id)], limit=1)  # fmt: skip
    (payable,) = Account.search(
        [("type.payable", "=", True), ("party_required", "=", True),
         ("company", "=", company.id)], limit=1)  # fmt: skip
    wizard.properties.company = company
    wizard.properties.account_receivable = receivable
    wizard.properties.account_payable = payable
    wizard.transition_create_properties()
    # The chart's "4.1.2 Services" (revenue recognised at a point of time); its parents are
    # closed summary accounts that an invoice line may not use.
    (revenue,) = Account.search(
        [("type.revenue", "=", True), ("closed", "!=", True), ("code", "=", "4.1.2"),
         ("company", "=", company.id)], limit=1)  # fmt: skip
    return revenue


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: tryton_template.py CONFIG DATABASE INFO_JSON")
    main(*sys.argv[1:])
