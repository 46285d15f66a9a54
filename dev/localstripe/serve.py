"""localstripe (PyPI), run for Tenure's tests: python serve.py PORT [HOST].

What this changes in how `localstripe --port` runs it, and nothing else (docs/testing.md):
- it listens on 127.0.0.1 only (localstripe itself binds every interface, IPv4 and IPv6), or on
  HOST when given (docker-compose.yml, inside its container);
- its objects live in memory only: localstripe writes its whole store to /tmp/localstripe.pickle on
  every write, a file every clone on the machine would share, and reads it back at start;
- it answers /v1/prices. localstripe predates Prices and holds Plans, which Stripe's API still
  serves as the legacy face of the same objects (a Plan's id is its Price's id), so a Price here is
  a localstripe Plan read and written under the Price field names: unit_amount for amount,
  recurring.{interval, interval_count, usage_type}, type 'recurring';
- a finalized invoice (not a draft) carries invoice_pdf and hosted_invoice_url, as at Stripe;
- GET /v1/customers/{id}/payment_methods/{pm} answers the card only when it is attached to that
  customer (404 otherwise), as Stripe does;
- a product's `active` sent on update is stored as a boolean (localstripe keeps the string 'false').
"""
import sys

from aiohttp import web

from localstripe import resources, server
from localstripe.errors import UserError
from localstripe.resources import Customer, Invoice, PaymentMethod, Plan, Product, try_convert_to_bool, try_convert_to_int

resources.Store.dump_to_disk = lambda self: None
resources.Store.try_load_from_disk = lambda self: None


def price_view(plan):
    return {
        'id': plan.id, 'object': 'price', 'active': plan.active, 'billing_scheme': plan.billing_scheme,
        'created': plan.created, 'currency': plan.currency, 'livemode': False, 'lookup_key': None,
        'metadata': plan.metadata or {}, 'nickname': plan.nickname, 'product': plan.product,
        'recurring': {'interval': plan.interval, 'interval_count': plan.interval_count,
                      'usage_type': plan.usage_type, 'aggregate_usage': None,
                      'trial_period_days': plan.trial_period_days, 'meter': None},
        'tax_behavior': 'unspecified', 'tiers_mode': plan.tiers_mode, 'transform_quantity': None,
        'type': 'recurring', 'unit_amount': plan.amount, 'unit_amount_decimal': str(plan.amount),
    }


def plan_fields(data):
    """The Plan arguments of a Price create; refuses what a Price here cannot be (one-time prices)."""
    recurring = data.pop('recurring', None)
    if not isinstance(recurring, dict):
        raise UserError(400, 'localstripe (Tenure shim): only recurring prices are supported')
    fields = dict(product=data.pop('product', None), currency=data.pop('currency', None),
                  amount=try_convert_to_int(data.pop('unit_amount', None)), interval=recurring.get('interval'),
                  interval_count=try_convert_to_int(recurring.get('interval_count', 1)),
                  usage_type=recurring.get('usage_type', 'licensed'), metadata=data.pop('metadata', None),
                  nickname=data.pop('nickname', None), active=try_convert_to_bool(data.pop('active', True)))
    if data:
        raise UserError(400, 'Unexpected ' + ', '.join(data.keys()))
    return fields


async def create_price(request):
    data = await server.get_post_data(request) or {}
    data.pop('expand', None)
    return server.json_response(price_view(Plan._api_create(**plan_fields(data))))


async def retrieve_price(request):
    return server.json_response(price_view(Plan._api_retrieve(request.match_info['id'])))


async def update_price(request):
    data = await server.get_post_data(request) or {}
    data.pop('expand', None)
    allowed = {'active', 'metadata', 'nickname'}
    if not data or set(data) - allowed:
        raise UserError(400, 'Unexpected ' + ', '.join(sorted(set(data) - allowed)) if data else 'Bad request')
    if 'active' in data:
        data['active'] = try_convert_to_bool(data['active'])
    return server.json_response(price_view(Plan._api_update(request.match_info['id'], **data)))


async def list_prices(request):
    query = server.unflatten_data(request.query)
    query.pop('expand', None)
    kind = query.pop('type', None)
    if kind not in (None, 'recurring'):
        return server.json_response({'object': 'list', 'url': '/v1/prices', 'data': [], 'has_more': False})
    page = Plan._api_list_all('/v1/prices', **query)
    page._compute_starting_pos()
    plans = page._list[page._starting_pos:page._starting_pos + page._limit]
    return server.json_response({'object': 'list', 'url': '/v1/prices', 'data': [price_view(p) for p in plans],
                                 'has_more': page.has_more})


def invoice_link(kind):
    def link(invoice):
        if invoice.status == 'draft':
            return None
        return f'http://127.0.0.1:{PORT}/_invoices/{invoice.id}/{kind}'
    return property(link)


Invoice.invoice_pdf = invoice_link('pdf')
Invoice.hosted_invoice_url = invoice_link('hosted')

product_update = Product._api_update.__func__


def update_product(cls, id, **data):
    if 'active' in data:
        data['active'] = try_convert_to_bool(data['active'])
    return product_update(cls, id, **data)


Product._api_update = classmethod(update_product)


async def retrieve_customer_payment_method(request):
    customer = Customer._api_retrieve(request.match_info['id']).id
    method = PaymentMethod._api_retrieve(request.match_info['pm'])
    if method.customer != customer:
        raise UserError(404, 'No such PaymentMethod for this customer')
    return server.json_response(method._export())


PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8420
HOST = sys.argv[2] if len(sys.argv) > 2 else '127.0.0.1'
server.app.router.add_get('/v1/customers/{id}/payment_methods/{pm}', retrieve_customer_payment_method)
server.app.router.add_post('/v1/prices', create_price)
server.app.router.add_get('/v1/prices', list_prices)
server.app.router.add_get('/v1/prices/{id}', retrieve_price)
server.app.router.add_post('/v1/prices/{id}', update_price)

if __name__ == '__main__':
    web.run_app(server.app, host=HOST, port=PORT, print=None, access_log=None)
