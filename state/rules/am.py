"""Active Manager rules: switchover checks (spec: AM)."""

from __future__ import annotations

from state.rules.base import rule

R_AM_11 = rule("R-AM-11", "InvalidOperation",
               "An Active Manager operation failed. Error: No suitable copy of database '{db}' is available for activation.")
R_AM_17_HEALTH = rule("R-AM-17", "InvalidOperation",
                      "An Active Manager operation failed. Error: The database copy '{copy}' is in state '{status}' and can't be "
                      "activated. Use -SkipHealthChecks to override this check.")
R_AM_17_LAG = rule("R-AM-17", "InvalidOperation",
                   "An Active Manager operation failed. Error: The database copy '{copy}' has a copy queue length of {cq} and a replay "
                   "queue length of {rq}, which exceed the activation criteria. Use -SkipLagChecks to override this check.")
R_AM_19_NO_COPY = rule("R-AM-19", "InvalidOperation",
                       "An Active Manager operation failed. Error: Server '{server}' doesn't host a copy of database '{db}'.")
R_AM_19_SAME = rule("R-AM-19", "InvalidOperation",
                    "An Active Manager operation failed. Error: Database '{db}' is already active on server '{server}'.")
R_AM_19_DOWN = rule("R-AM-19", "InvalidOperation",
                    "An Active Manager operation failed. Error: Server '{server}' is unreachable.")
