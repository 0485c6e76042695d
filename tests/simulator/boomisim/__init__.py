"""Boomi API simulator: a stateful HTTP server speaking the Spaces GraphQL API and the
Platform REST API subset that the ``boomi.platform`` collection uses.

Start it with ``python -m boomisim`` or in-process with ``boomisim.server.Simulator``.
"""

__version__ = "1.0.0"
