"""``alms-tui serve``: the dashboard in a web browser, through textual-serve.

textual-serve runs one dashboard process per browser tab and relays its screen
over a websocket; on its own it has no authentication, no origin check, no
session cap and no size limit. This package wraps it so that serving is safe by
default on the user's own machine:

- :mod:`.options`  the ``serve`` sub-command's arguments (imports nothing heavy);
- :mod:`.guard`    the policy, without aiohttp: token, origin, sizes, hosts;
- :mod:`.sessions` one dashboard subprocess per tab, with its own settings folder;
- :mod:`.server`   the aiohttp application: routes, the guard as middleware;
- :mod:`.run`      start, print the URL, stop cleanly.

Only ``serve`` imports aiohttp and textual-serve (the optional ``[serve]``
extra): ``validate``, ``export`` and the terminal dashboard never load them.
"""
