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
R_AM_2 = rule("R-AM-2", "InvalidOperation",
              "An Active Manager operation failed. Error: The primary active manager of database availability group "
              "'{dag}' couldn't be contacted. The cluster may have lost quorum.")
R_AM_14_MAX = rule("R-AM-14", "InvalidOperation",
                   "An Active Manager operation failed. Error: Server '{server}' already has the maximum number of active "
                   "databases ({limit}) allowed by MaximumActiveDatabases.")
R_AM_14_PREFERRED = rule("R-AM-14", "InvalidOperation",
                         "An Active Manager operation failed. Error: Server '{server}' already has {count} active databases, "
                         "the preferred maximum ({limit}). Use -SkipMaximumActiveDatabasesChecks to override this check.")
R_AM_17_SEEDING = rule("R-AM-17", "InvalidOperation",
                       "An Active Manager operation failed. Error: The active copy of database '{db}' is the source of a "
                       "seeding operation. Use -SkipActiveCopyChecks to cancel the seed and move the database.")
R_AM_17_INDEX = rule("R-AM-17", "InvalidOperation",
                     "An Active Manager operation failed. Error: The content index of database copy '{copy}' is in state "
                     "'{state}'. Use -SkipClientExperienceChecks to override this check.")
R_AM_18 = rule("R-AM-18", "InvalidOperation",
               "An Active Manager operation failed. Error: Database copy '{copy}' would lose {lost} log file(s), more than "
               "the mount dial '{dial}' allows. Use -MountDialOverride to accept the loss.")
R_AM_21 = rule("R-AM-21", "InvalidOperation",
               "An Active Manager operation failed. Error: Database '{db}' can't be moved: {reason} "
               "No databases were moved because -MoveAllDatabasesOrNone was specified.")
R_AM_16_BEST_EFFORT = rule("R-AM-16", "InvalidArgument",
                           "The MountDialOverride value BestEffort can't be used when moving all the databases of a "
                           "server.")
R_AM_16_SINGLE_COPY = rule("R-AM-16", "InvalidOperation",
                           "Database '{db}' on server '{server}' has only one copy and can't be moved.")
R_AM_19_STORE = rule("R-AM-19", "InvalidOperation",
                     "An Active Manager operation failed. Error: The Microsoft Exchange Information Store service on "
                     "server '{server}' isn't running.")
