/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/services/http/openapi.test.ts > TAP > GET /docs/json is the OpenAPI document > openapi document 1`] = `
Object {
  "components": Object {
    "schemas": Object {
      "AccessLogEntry": Object {
        "additionalProperties": false,
        "properties": Object {
          "allowListVersion": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "atMs": Object {
            "description": "when it happened: the backend's time online, the gate's own time offline",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "card": Object {
            "description": "the card uid as the gate read it",
            "nullable": true,
            "type": "string",
          },
          "clockSynced": Object {
            "nullable": true,
            "type": "boolean",
          },
          "credential": Object {
            "enum": Array [
              "card",
              "pass",
              "staff",
            ],
            "type": "string",
          },
          "decision": Object {
            "enum": Array [
              "allow",
              "deny",
            ],
            "type": "string",
          },
          "direction": Object {
            "enum": Array [
              "in",
              "out",
            ],
            "nullable": true,
            "type": "string",
          },
          "eventId": Object {
            "description": "the gate's eventId, or the command id of a remote open",
            "type": "string",
          },
          "flags": Object {
            "description": "ANTI_PASSBACK: let through by a soft anti-passback rule",
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
          "gateId": Object {
            "type": "string",
          },
          "householdId": Object {
            "nullable": true,
            "type": "string",
          },
          "mode": Object {
            "enum": Array [
              "online",
              "offline",
              "remote",
            ],
            "type": "string",
          },
          "note": Object {
            "description": "a remote open: the reason given",
            "nullable": true,
            "type": "string",
          },
          "passId": Object {
            "nullable": true,
            "type": "string",
          },
          "reader": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "reason": Object {
            "description": "deny reason code (docs/protocol.md \\"Gates\\")",
            "nullable": true,
            "type": "string",
          },
          "receivedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "requestEventId": Object {
            "description": "an offline decision taken because the online answer came too late: the access request it replaces (docs/protocol.md \\"Offline decisions replayed later\\")",
            "nullable": true,
            "type": "string",
          },
          "seq": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "staffId": Object {
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "seq",
          "siteId",
          "gateId",
          "eventId",
          "atMs",
          "receivedAtMs",
          "mode",
          "credential",
          "card",
          "householdId",
          "passId",
          "staffId",
          "note",
          "direction",
          "reader",
          "decision",
          "reason",
          "flags",
          "allowListVersion",
          "clockSynced",
          "requestEventId",
        ],
        "type": "object",
      },
      "AccessLogEntryInput": Object {
        "properties": Object {
          "allowListVersion": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "atMs": Object {
            "description": "when it happened: the backend's time online, the gate's own time offline",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "card": Object {
            "description": "the card uid as the gate read it",
            "nullable": true,
            "type": "string",
          },
          "clockSynced": Object {
            "nullable": true,
            "type": "boolean",
          },
          "credential": Object {
            "enum": Array [
              "card",
              "pass",
              "staff",
            ],
            "type": "string",
          },
          "decision": Object {
            "enum": Array [
              "allow",
              "deny",
            ],
            "type": "string",
          },
          "direction": Object {
            "enum": Array [
              "in",
              "out",
            ],
            "nullable": true,
            "type": "string",
          },
          "eventId": Object {
            "description": "the gate's eventId, or the command id of a remote open",
            "type": "string",
          },
          "flags": Object {
            "description": "ANTI_PASSBACK: let through by a soft anti-passback rule",
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
          "gateId": Object {
            "type": "string",
          },
          "householdId": Object {
            "nullable": true,
            "type": "string",
          },
          "mode": Object {
            "enum": Array [
              "online",
              "offline",
              "remote",
            ],
            "type": "string",
          },
          "note": Object {
            "description": "a remote open: the reason given",
            "nullable": true,
            "type": "string",
          },
          "passId": Object {
            "nullable": true,
            "type": "string",
          },
          "reader": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "reason": Object {
            "description": "deny reason code (docs/protocol.md \\"Gates\\")",
            "nullable": true,
            "type": "string",
          },
          "receivedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "requestEventId": Object {
            "description": "an offline decision taken because the online answer came too late: the access request it replaces (docs/protocol.md \\"Offline decisions replayed later\\")",
            "nullable": true,
            "type": "string",
          },
          "seq": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "staffId": Object {
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "seq",
          "siteId",
          "gateId",
          "eventId",
          "atMs",
          "receivedAtMs",
          "mode",
          "credential",
          "card",
          "householdId",
          "passId",
          "staffId",
          "note",
          "direction",
          "reader",
          "decision",
          "reason",
          "flags",
          "allowListVersion",
          "clockSynced",
          "requestEventId",
        ],
        "type": "object",
      },
      "AccessSchedule": Object {
        "additionalProperties": false,
        "description": "When a card may pass a gate, in site-local time.",
        "properties": Object {
          "dateRanges": Object {
            "default": Array [],
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "from": Object {
                  "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
                  "type": "string",
                },
                "until": Object {
                  "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
                  "type": "string",
                },
              },
              "required": Array [
                "from",
                "until",
              ],
              "type": "object",
            },
            "maxItems": 8,
            "type": "array",
          },
          "freeExit": Object {
            "default": false,
            "type": "boolean",
          },
          "holidays": Object {
            "default": Array [],
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "from": Object {
                  "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                  "type": "string",
                },
                "to": Object {
                  "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                  "type": "string",
                },
              },
              "required": Array [
                "from",
                "to",
              ],
              "type": "object",
            },
            "maxItems": 4,
            "type": "array",
          },
          "id": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "weekdays": Object {
            "additionalProperties": false,
            "properties": Object {
              "fri": Object {
                "items": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
              "mon": Object {
                "items": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
              "sat": Object {
                "items": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
              "sun": Object {
                "items": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
              "thu": Object {
                "items": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
              "tue": Object {
                "items": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
              "wed": Object {
                "items": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
            },
            "type": "object",
          },
        },
        "required": Array [
          "id",
          "weekdays",
          "holidays",
          "dateRanges",
          "freeExit",
        ],
        "type": "object",
      },
      "AccessScheduleInput": Object {
        "description": "When a card may pass a gate, in site-local time.",
        "properties": Object {
          "dateRanges": Object {
            "default": Array [],
            "items": Object {
              "properties": Object {
                "from": Object {
                  "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
                  "type": "string",
                },
                "until": Object {
                  "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
                  "type": "string",
                },
              },
              "required": Array [
                "from",
                "until",
              ],
              "type": "object",
            },
            "maxItems": 8,
            "type": "array",
          },
          "freeExit": Object {
            "default": false,
            "type": "boolean",
          },
          "holidays": Object {
            "default": Array [],
            "items": Object {
              "properties": Object {
                "from": Object {
                  "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                  "type": "string",
                },
                "to": Object {
                  "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                  "type": "string",
                },
              },
              "required": Array [
                "from",
                "to",
              ],
              "type": "object",
            },
            "maxItems": 4,
            "type": "array",
          },
          "id": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "weekdays": Object {
            "properties": Object {
              "fri": Object {
                "items": Object {
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
              "mon": Object {
                "items": Object {
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
              "sat": Object {
                "items": Object {
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
              "sun": Object {
                "items": Object {
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
              "thu": Object {
                "items": Object {
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
              "tue": Object {
                "items": Object {
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
              "wed": Object {
                "items": Object {
                  "properties": Object {
                    "from": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                    "to": Object {
                      "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "maxItems": 4,
                "type": "array",
              },
            },
            "type": "object",
          },
        },
        "required": Array [
          "id",
          "weekdays",
        ],
        "type": "object",
      },
      "Adjustment": Object {
        "additionalProperties": false,
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "decidedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "decidedBy": Object {
            "nullable": true,
            "type": "string",
          },
          "entryId": Object {
            "nullable": true,
            "type": "string",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "points": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "reason": Object {
            "type": "string",
          },
          "requestedBy": Object {
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "pending",
              "approved",
              "rejected",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "householdId",
          "siteId",
          "points",
          "reason",
          "requestedBy",
          "status",
          "decidedBy",
          "decidedAtMs",
          "entryId",
          "createdAtMs",
        ],
        "type": "object",
      },
      "AdjustmentDecision": Object {
        "additionalProperties": false,
        "properties": Object {
          "adjustment": Object {
            "$ref": "#/components/schemas/Adjustment",
          },
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "entry": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/LedgerEntry",
              },
            ],
            "nullable": true,
          },
        },
        "required": Array [
          "adjustment",
          "entry",
          "balancePoints",
        ],
        "type": "object",
      },
      "AdjustmentDecisionInput": Object {
        "properties": Object {
          "adjustment": Object {
            "$ref": "#/components/schemas/AdjustmentInput",
          },
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "entry": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/LedgerEntryInput",
              },
            ],
            "nullable": true,
          },
        },
        "required": Array [
          "adjustment",
          "entry",
          "balancePoints",
        ],
        "type": "object",
      },
      "AdjustmentInput": Object {
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "decidedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "decidedBy": Object {
            "nullable": true,
            "type": "string",
          },
          "entryId": Object {
            "nullable": true,
            "type": "string",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "points": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "reason": Object {
            "type": "string",
          },
          "requestedBy": Object {
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "pending",
              "approved",
              "rejected",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "householdId",
          "siteId",
          "points",
          "reason",
          "requestedBy",
          "status",
          "decidedBy",
          "decidedAtMs",
          "entryId",
          "createdAtMs",
        ],
        "type": "object",
      },
      "Alarm": Object {
        "additionalProperties": false,
        "properties": Object {
          "acknowledged": Object {
            "type": "boolean",
          },
          "acknowledgedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "acknowledgedBy": Object {
            "nullable": true,
            "type": "string",
          },
          "active": Object {
            "type": "boolean",
          },
          "clearedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "count": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "deviceId": Object {
            "nullable": true,
            "type": "string",
          },
          "durationMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "firstAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "groupId": Object {
            "description": "the flood alarm this one is grouped under",
            "nullable": true,
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "lastAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "message": Object {
            "nullable": true,
            "type": "string",
          },
          "outOfService": Object {
            "additionalProperties": false,
            "nullable": true,
            "properties": Object {
              "by": Object {
                "type": "string",
              },
              "reason": Object {
                "type": "string",
              },
              "sinceMs": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
            },
            "required": Array [
              "reason",
              "by",
              "sinceMs",
            ],
            "type": "object",
          },
          "severity": Object {
            "enum": Array [
              "critical",
              "major",
              "minor",
              "warning",
              "indeterminate",
            ],
            "type": "string",
          },
          "shelf": Object {
            "additionalProperties": false,
            "nullable": true,
            "properties": Object {
              "by": Object {
                "type": "string",
              },
              "reason": Object {
                "type": "string",
              },
              "sinceMs": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
              "untilMs": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
            },
            "required": Array [
              "reason",
              "untilMs",
              "by",
              "sinceMs",
            ],
            "type": "object",
          },
          "siteId": Object {
            "nullable": true,
            "type": "string",
          },
          "source": Object {
            "description": "bin category or \`port-N\`; '' for the whole device",
            "type": "string",
          },
          "state": Object {
            "description": "e.g. \`active-unacknowledged+shelved\`",
            "type": "string",
          },
          "type": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "deviceId",
          "type",
          "source",
          "severity",
          "message",
          "state",
          "active",
          "acknowledged",
          "acknowledgedBy",
          "acknowledgedAtMs",
          "clearedAtMs",
          "shelf",
          "outOfService",
          "groupId",
          "count",
          "firstAtMs",
          "lastAtMs",
          "durationMs",
        ],
        "type": "object",
      },
      "AlarmChange": Object {
        "additionalProperties": false,
        "properties": Object {
          "action": Object {
            "type": "string",
          },
          "actor": Object {
            "additionalProperties": false,
            "properties": Object {
              "id": Object {
                "type": "string",
              },
              "kind": Object {
                "enum": Array [
                  "staff",
                  "device",
                  "rule",
                  "system",
                ],
                "type": "string",
              },
            },
            "required": Array [
              "kind",
              "id",
            ],
            "type": "object",
          },
          "atMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "details": Object {
            "additionalProperties": Object {},
            "type": "object",
          },
          "fromState": Object {
            "nullable": true,
            "type": "string",
          },
          "reason": Object {
            "nullable": true,
            "type": "string",
          },
          "toState": Object {
            "type": "string",
          },
        },
        "required": Array [
          "action",
          "atMs",
          "actor",
          "fromState",
          "toState",
          "reason",
          "details",
        ],
        "type": "object",
      },
      "AlarmChangeInput": Object {
        "properties": Object {
          "action": Object {
            "type": "string",
          },
          "actor": Object {
            "properties": Object {
              "id": Object {
                "type": "string",
              },
              "kind": Object {
                "enum": Array [
                  "staff",
                  "device",
                  "rule",
                  "system",
                ],
                "type": "string",
              },
            },
            "required": Array [
              "kind",
              "id",
            ],
            "type": "object",
          },
          "atMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "details": Object {
            "additionalProperties": Object {},
            "type": "object",
          },
          "fromState": Object {
            "nullable": true,
            "type": "string",
          },
          "reason": Object {
            "nullable": true,
            "type": "string",
          },
          "toState": Object {
            "type": "string",
          },
        },
        "required": Array [
          "action",
          "atMs",
          "actor",
          "fromState",
          "toState",
          "reason",
          "details",
        ],
        "type": "object",
      },
      "AlarmEvent": Object {
        "additionalProperties": false,
        "description": "A condition the device watches began (raised) or ended (cleared).",
        "properties": Object {
          "bin": Object {
            "enum": Array [
              "paper",
              "plastic",
              "metal",
              "glass",
              "textile",
              "kitchen",
              "hazardous",
              "other",
            ],
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "message": Object {
            "maxLength": 200,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "severity": Object {
            "enum": Array [
              "critical",
              "major",
              "minor",
              "warning",
              "indeterminate",
            ],
            "type": "string",
          },
          "state": Object {
            "enum": Array [
              "raised",
              "cleared",
            ],
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "smoke",
              "temperature",
              "tamper",
              "scale-fault",
              "door-held",
              "door-forced",
              "over-power",
              "over-temperature",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "type",
          "state",
        ],
        "type": "object",
      },
      "AlarmEventInput": Object {
        "description": "A condition the device watches began (raised) or ended (cleared).",
        "properties": Object {
          "bin": Object {
            "enum": Array [
              "paper",
              "plastic",
              "metal",
              "glass",
              "textile",
              "kitchen",
              "hazardous",
              "other",
            ],
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "message": Object {
            "maxLength": 200,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "severity": Object {
            "enum": Array [
              "critical",
              "major",
              "minor",
              "warning",
              "indeterminate",
            ],
            "type": "string",
          },
          "state": Object {
            "enum": Array [
              "raised",
              "cleared",
            ],
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "smoke",
              "temperature",
              "tamper",
              "scale-fault",
              "door-held",
              "door-forced",
              "over-power",
              "over-temperature",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "type",
          "state",
        ],
        "type": "object",
      },
      "AlarmInput": Object {
        "properties": Object {
          "acknowledged": Object {
            "type": "boolean",
          },
          "acknowledgedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "acknowledgedBy": Object {
            "nullable": true,
            "type": "string",
          },
          "active": Object {
            "type": "boolean",
          },
          "clearedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "count": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "deviceId": Object {
            "nullable": true,
            "type": "string",
          },
          "durationMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "firstAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "groupId": Object {
            "description": "the flood alarm this one is grouped under",
            "nullable": true,
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "lastAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "message": Object {
            "nullable": true,
            "type": "string",
          },
          "outOfService": Object {
            "nullable": true,
            "properties": Object {
              "by": Object {
                "type": "string",
              },
              "reason": Object {
                "type": "string",
              },
              "sinceMs": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
            },
            "required": Array [
              "reason",
              "by",
              "sinceMs",
            ],
            "type": "object",
          },
          "severity": Object {
            "enum": Array [
              "critical",
              "major",
              "minor",
              "warning",
              "indeterminate",
            ],
            "type": "string",
          },
          "shelf": Object {
            "nullable": true,
            "properties": Object {
              "by": Object {
                "type": "string",
              },
              "reason": Object {
                "type": "string",
              },
              "sinceMs": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
              "untilMs": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
            },
            "required": Array [
              "reason",
              "untilMs",
              "by",
              "sinceMs",
            ],
            "type": "object",
          },
          "siteId": Object {
            "nullable": true,
            "type": "string",
          },
          "source": Object {
            "description": "bin category or \`port-N\`; '' for the whole device",
            "type": "string",
          },
          "state": Object {
            "description": "e.g. \`active-unacknowledged+shelved\`",
            "type": "string",
          },
          "type": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "deviceId",
          "type",
          "source",
          "severity",
          "message",
          "state",
          "active",
          "acknowledged",
          "acknowledgedBy",
          "acknowledgedAtMs",
          "clearedAtMs",
          "shelf",
          "outOfService",
          "groupId",
          "count",
          "firstAtMs",
          "lastAtMs",
          "durationMs",
        ],
        "type": "object",
      },
      "AllowList": Object {
        "additionalProperties": false,
        "properties": Object {
          "entries": Object {
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "cardHash": Object {
                  "pattern": "^[0-9a-f]{16}$",
                  "type": "string",
                },
                "schedule": Object {
                  "maximum": 255,
                  "minimum": 0,
                  "type": "integer",
                },
              },
              "required": Array [
                "cardHash",
                "schedule",
              ],
              "type": "object",
            },
            "maxItems": 20000,
            "type": "array",
          },
          "holidays": Object {
            "items": Object {
              "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
              "type": "string",
            },
            "maxItems": 64,
            "type": "array",
          },
          "passKeys": Object {
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "kid": Object {
                  "maxLength": 64,
                  "minLength": 1,
                  "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                  "type": "string",
                },
                "publicKey": Object {
                  "pattern": "^[A-Za-z0-9_-]{43}$",
                  "type": "string",
                },
              },
              "required": Array [
                "kid",
                "publicKey",
              ],
              "type": "object",
            },
            "maxItems": 4,
            "type": "array",
          },
          "revokedPasses": Object {
            "items": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
            "maxItems": 2000,
            "type": "array",
          },
          "schedules": Object {
            "items": Object {
              "$ref": "#/components/schemas/AccessSchedule",
            },
            "maxItems": 255,
            "type": "array",
          },
          "siteId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "timeZone": Object {
            "maxLength": 64,
            "minLength": 1,
            "type": "string",
          },
          "version": Object {
            "maximum": 2147483647,
            "minimum": 1,
            "type": "integer",
          },
        },
        "required": Array [
          "siteId",
          "version",
          "timeZone",
          "holidays",
          "schedules",
          "passKeys",
          "revokedPasses",
          "entries",
        ],
        "type": "object",
      },
      "AllowListDeltaCommand": Object {
        "additionalProperties": false,
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "delta": Object {
            "additionalProperties": false,
            "properties": Object {
              "added": Object {
                "items": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "cardHash": Object {
                      "pattern": "^[0-9a-f]{16}$",
                      "type": "string",
                    },
                    "schedule": Object {
                      "maximum": 255,
                      "minimum": 0,
                      "type": "integer",
                    },
                  },
                  "required": Array [
                    "cardHash",
                    "schedule",
                  ],
                  "type": "object",
                },
                "maxItems": 20000,
                "type": "array",
              },
              "baseVersion": Object {
                "maximum": 2147483647,
                "minimum": 1,
                "type": "integer",
              },
              "changed": Object {
                "items": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "cardHash": Object {
                      "pattern": "^[0-9a-f]{16}$",
                      "type": "string",
                    },
                    "schedule": Object {
                      "maximum": 255,
                      "minimum": 0,
                      "type": "integer",
                    },
                  },
                  "required": Array [
                    "cardHash",
                    "schedule",
                  ],
                  "type": "object",
                },
                "maxItems": 20000,
                "type": "array",
              },
              "header": Object {
                "additionalProperties": false,
                "properties": Object {
                  "holidays": Object {
                    "items": Object {
                      "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
                      "type": "string",
                    },
                    "maxItems": 64,
                    "type": "array",
                  },
                  "passKeys": Object {
                    "items": Object {
                      "additionalProperties": false,
                      "properties": Object {
                        "kid": Object {
                          "maxLength": 64,
                          "minLength": 1,
                          "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                          "type": "string",
                        },
                        "publicKey": Object {
                          "pattern": "^[A-Za-z0-9_-]{43}$",
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "kid",
                        "publicKey",
                      ],
                      "type": "object",
                    },
                    "maxItems": 4,
                    "type": "array",
                  },
                  "revokedPasses": Object {
                    "items": Object {
                      "maxLength": 64,
                      "minLength": 1,
                      "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                      "type": "string",
                    },
                    "maxItems": 2000,
                    "type": "array",
                  },
                  "schedules": Object {
                    "items": Object {
                      "$ref": "#/components/schemas/AccessSchedule",
                    },
                    "maxItems": 255,
                    "type": "array",
                  },
                  "timeZone": Object {
                    "maxLength": 64,
                    "minLength": 1,
                    "type": "string",
                  },
                },
                "type": "object",
              },
              "removed": Object {
                "items": Object {
                  "pattern": "^[0-9a-f]{16}$",
                  "type": "string",
                },
                "maxItems": 20000,
                "type": "array",
              },
              "siteId": Object {
                "maxLength": 64,
                "minLength": 1,
                "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                "type": "string",
              },
              "version": Object {
                "maximum": 2147483647,
                "minimum": 1,
                "type": "integer",
              },
            },
            "required": Array [
              "siteId",
              "baseVersion",
              "version",
              "added",
              "changed",
              "removed",
              "header",
            ],
            "type": "object",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "allow-list-delta",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "delta",
        ],
        "type": "object",
      },
      "AllowListDeltaCommandInput": Object {
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "delta": Object {
            "properties": Object {
              "added": Object {
                "items": Object {
                  "properties": Object {
                    "cardHash": Object {
                      "pattern": "^[0-9a-f]{16}$",
                      "type": "string",
                    },
                    "schedule": Object {
                      "maximum": 255,
                      "minimum": 0,
                      "type": "integer",
                    },
                  },
                  "required": Array [
                    "cardHash",
                    "schedule",
                  ],
                  "type": "object",
                },
                "maxItems": 20000,
                "type": "array",
              },
              "baseVersion": Object {
                "maximum": 2147483647,
                "minimum": 1,
                "type": "integer",
              },
              "changed": Object {
                "items": Object {
                  "properties": Object {
                    "cardHash": Object {
                      "pattern": "^[0-9a-f]{16}$",
                      "type": "string",
                    },
                    "schedule": Object {
                      "maximum": 255,
                      "minimum": 0,
                      "type": "integer",
                    },
                  },
                  "required": Array [
                    "cardHash",
                    "schedule",
                  ],
                  "type": "object",
                },
                "maxItems": 20000,
                "type": "array",
              },
              "header": Object {
                "properties": Object {
                  "holidays": Object {
                    "items": Object {
                      "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
                      "type": "string",
                    },
                    "maxItems": 64,
                    "type": "array",
                  },
                  "passKeys": Object {
                    "items": Object {
                      "properties": Object {
                        "kid": Object {
                          "maxLength": 64,
                          "minLength": 1,
                          "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                          "type": "string",
                        },
                        "publicKey": Object {
                          "pattern": "^[A-Za-z0-9_-]{43}$",
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "kid",
                        "publicKey",
                      ],
                      "type": "object",
                    },
                    "maxItems": 4,
                    "type": "array",
                  },
                  "revokedPasses": Object {
                    "items": Object {
                      "maxLength": 64,
                      "minLength": 1,
                      "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                      "type": "string",
                    },
                    "maxItems": 2000,
                    "type": "array",
                  },
                  "schedules": Object {
                    "items": Object {
                      "$ref": "#/components/schemas/AccessScheduleInput",
                    },
                    "maxItems": 255,
                    "type": "array",
                  },
                  "timeZone": Object {
                    "maxLength": 64,
                    "minLength": 1,
                    "type": "string",
                  },
                },
                "type": "object",
              },
              "removed": Object {
                "items": Object {
                  "pattern": "^[0-9a-f]{16}$",
                  "type": "string",
                },
                "maxItems": 20000,
                "type": "array",
              },
              "siteId": Object {
                "maxLength": 64,
                "minLength": 1,
                "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                "type": "string",
              },
              "version": Object {
                "maximum": 2147483647,
                "minimum": 1,
                "type": "integer",
              },
            },
            "required": Array [
              "siteId",
              "baseVersion",
              "version",
              "added",
              "changed",
              "removed",
              "header",
            ],
            "type": "object",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "allow-list-delta",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "delta",
        ],
        "type": "object",
      },
      "AllowListFullCommand": Object {
        "additionalProperties": false,
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "image": Object {
            "maxLength": 300000,
            "pattern": "^[A-Za-z0-9_-]*$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "allow-list-full",
            ],
            "type": "string",
          },
          "version": Object {
            "maximum": 2147483647,
            "minimum": 1,
            "type": "integer",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "version",
          "image",
        ],
        "type": "object",
      },
      "AllowListFullCommandInput": Object {
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "image": Object {
            "maxLength": 300000,
            "pattern": "^[A-Za-z0-9_-]*$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "allow-list-full",
            ],
            "type": "string",
          },
          "version": Object {
            "maximum": 2147483647,
            "minimum": 1,
            "type": "integer",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "version",
          "image",
        ],
        "type": "object",
      },
      "AllowListInput": Object {
        "properties": Object {
          "entries": Object {
            "items": Object {
              "properties": Object {
                "cardHash": Object {
                  "pattern": "^[0-9a-f]{16}$",
                  "type": "string",
                },
                "schedule": Object {
                  "maximum": 255,
                  "minimum": 0,
                  "type": "integer",
                },
              },
              "required": Array [
                "cardHash",
                "schedule",
              ],
              "type": "object",
            },
            "maxItems": 20000,
            "type": "array",
          },
          "holidays": Object {
            "items": Object {
              "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
              "type": "string",
            },
            "maxItems": 64,
            "type": "array",
          },
          "passKeys": Object {
            "items": Object {
              "properties": Object {
                "kid": Object {
                  "maxLength": 64,
                  "minLength": 1,
                  "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                  "type": "string",
                },
                "publicKey": Object {
                  "pattern": "^[A-Za-z0-9_-]{43}$",
                  "type": "string",
                },
              },
              "required": Array [
                "kid",
                "publicKey",
              ],
              "type": "object",
            },
            "maxItems": 4,
            "type": "array",
          },
          "revokedPasses": Object {
            "items": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
            "maxItems": 2000,
            "type": "array",
          },
          "schedules": Object {
            "items": Object {
              "$ref": "#/components/schemas/AccessScheduleInput",
            },
            "maxItems": 255,
            "type": "array",
          },
          "siteId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "timeZone": Object {
            "maxLength": 64,
            "minLength": 1,
            "type": "string",
          },
          "version": Object {
            "maximum": 2147483647,
            "minimum": 1,
            "type": "integer",
          },
        },
        "required": Array [
          "siteId",
          "version",
          "timeZone",
          "holidays",
          "schedules",
          "passKeys",
          "revokedPasses",
          "entries",
        ],
        "type": "object",
      },
      "Card": Object {
        "additionalProperties": false,
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "householdId": Object {
            "nullable": true,
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "active",
              "lost",
              "blocked",
              "unlinked",
            ],
            "type": "string",
          },
          "uid": Object {
            "type": "string",
          },
          "updatedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
        },
        "required": Array [
          "uid",
          "householdId",
          "siteId",
          "status",
          "createdAtMs",
          "updatedAtMs",
        ],
        "type": "object",
      },
      "CardInput": Object {
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "householdId": Object {
            "nullable": true,
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "active",
              "lost",
              "blocked",
              "unlinked",
            ],
            "type": "string",
          },
          "uid": Object {
            "type": "string",
          },
          "updatedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
        },
        "required": Array [
          "uid",
          "householdId",
          "siteId",
          "status",
          "createdAtMs",
          "updatedAtMs",
        ],
        "type": "object",
      },
      "CardView": Object {
        "additionalProperties": false,
        "properties": Object {
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "card": Object {
            "$ref": "#/components/schemas/Card",
          },
          "household": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/Household",
              },
            ],
            "nullable": true,
          },
        },
        "required": Array [
          "card",
          "household",
          "balancePoints",
        ],
        "type": "object",
      },
      "CardViewInput": Object {
        "properties": Object {
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "card": Object {
            "$ref": "#/components/schemas/CardInput",
          },
          "household": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/HouseholdInput",
              },
            ],
            "nullable": true,
          },
        },
        "required": Array [
          "card",
          "household",
          "balancePoints",
        ],
        "type": "object",
      },
      "ChargingCommand": Object {
        "description": "A command to a charging pile; acknowledge with a command-ack event.",
        "oneOf": Array [
          Object {
            "$ref": "#/components/schemas/StartChargingCommand",
          },
          Object {
            "$ref": "#/components/schemas/StopChargingCommand",
          },
          Object {
            "$ref": "#/components/schemas/DenyChargingCommand",
          },
        ],
      },
      "ChargingCommandInput": Object {
        "description": "A command to a charging pile; acknowledge with a command-ack event.",
        "oneOf": Array [
          Object {
            "$ref": "#/components/schemas/StartChargingCommandInput",
          },
          Object {
            "$ref": "#/components/schemas/StopChargingCommandInput",
          },
          Object {
            "$ref": "#/components/schemas/DenyChargingCommandInput",
          },
        ],
      },
      "ChargingDispute": Object {
        "additionalProperties": false,
        "properties": Object {
          "hold": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/PointHold",
              },
            ],
            "description": "points held at the start; at the end, charged and released",
          },
          "ledgerEntries": Object {
            "description": "the charge (and a late stop's refund), oldest first",
            "items": Object {
              "$ref": "#/components/schemas/LedgerEntry",
            },
            "type": "array",
          },
          "meterCurve": Object {
            "items": Object {
              "$ref": "#/components/schemas/ChargingMeterValue",
            },
            "type": "array",
          },
          "session": Object {
            "$ref": "#/components/schemas/ChargingSession",
          },
          "stop": Object {
            "description": "the pile's stop as received: seq, device time, reason, energy; null when none came",
          },
          "tariff": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/ChargingTariffVersion",
              },
            ],
            "description": "the version in force when the session started; it applies to the whole session",
          },
        },
        "required": Array [
          "session",
          "tariff",
          "meterCurve",
          "hold",
          "ledgerEntries",
          "stop",
        ],
        "type": "object",
      },
      "ChargingDisputeInput": Object {
        "properties": Object {
          "hold": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/PointHoldInput",
              },
            ],
            "description": "points held at the start; at the end, charged and released",
          },
          "ledgerEntries": Object {
            "description": "the charge (and a late stop's refund), oldest first",
            "items": Object {
              "$ref": "#/components/schemas/LedgerEntryInput",
            },
            "type": "array",
          },
          "meterCurve": Object {
            "items": Object {
              "$ref": "#/components/schemas/ChargingMeterValueInput",
            },
            "type": "array",
          },
          "session": Object {
            "$ref": "#/components/schemas/ChargingSessionInput",
          },
          "stop": Object {
            "description": "the pile's stop as received: seq, device time, reason, energy; null when none came",
          },
          "tariff": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/ChargingTariffVersionInput",
              },
            ],
            "description": "the version in force when the session started; it applies to the whole session",
          },
        },
        "required": Array [
          "session",
          "tariff",
          "meterCurve",
          "hold",
          "ledgerEntries",
          "stop",
        ],
        "type": "object",
      },
      "ChargingFigures": Object {
        "additionalProperties": false,
        "properties": Object {
          "energyWh": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "faultStops": Object {
            "description": "sessions the pile stopped for FAULT, OVER_POWER or OVER_TEMPERATURE",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "revenuePoints": Object {
            "description": "charges less late-stop refunds booked in the period",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "revenueYuan": Object {
            "type": "string",
          },
          "sessions": Object {
            "description": "sessions settled in the period",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
        },
        "required": Array [
          "sessions",
          "energyWh",
          "faultStops",
          "revenuePoints",
          "revenueYuan",
        ],
        "type": "object",
      },
      "ChargingFiguresInput": Object {
        "properties": Object {
          "energyWh": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "faultStops": Object {
            "description": "sessions the pile stopped for FAULT, OVER_POWER or OVER_TEMPERATURE",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "revenuePoints": Object {
            "description": "charges less late-stop refunds booked in the period",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "revenueYuan": Object {
            "type": "string",
          },
          "sessions": Object {
            "description": "sessions settled in the period",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
        },
        "required": Array [
          "sessions",
          "energyWh",
          "faultStops",
          "revenuePoints",
          "revenueYuan",
        ],
        "type": "object",
      },
      "ChargingLimits": Object {
        "additionalProperties": false,
        "properties": Object {
          "fullAfterMinutes": Object {
            "default": 10,
            "maximum": 240,
            "minimum": 1,
            "type": "integer",
          },
          "fullBelowW": Object {
            "default": 30,
            "maximum": 400000,
            "minimum": 0,
            "type": "integer",
          },
          "maxDurationMinutes": Object {
            "default": 720,
            "maximum": 10080,
            "minimum": 1,
            "type": "integer",
          },
          "maxPilePowerW": Object {
            "default": 6000,
            "maximum": 400000,
            "minimum": 0,
            "type": "integer",
          },
          "maxPortPowerW": Object {
            "default": 600,
            "maximum": 400000,
            "minimum": 0,
            "type": "integer",
          },
          "maxTemperatureC": Object {
            "default": 70,
            "maximum": 200,
            "minimum": 0,
            "type": "number",
          },
          "silenceTimeoutMinutes": Object {
            "default": 30,
            "maximum": 1440,
            "minimum": 1,
            "type": "integer",
          },
        },
        "required": Array [
          "maxPortPowerW",
          "maxPilePowerW",
          "maxTemperatureC",
          "fullBelowW",
          "fullAfterMinutes",
          "maxDurationMinutes",
          "silenceTimeoutMinutes",
        ],
        "type": "object",
      },
      "ChargingLimitsInput": Object {
        "properties": Object {
          "fullAfterMinutes": Object {
            "default": 10,
            "maximum": 240,
            "minimum": 1,
            "type": "integer",
          },
          "fullBelowW": Object {
            "default": 30,
            "maximum": 400000,
            "minimum": 0,
            "type": "integer",
          },
          "maxDurationMinutes": Object {
            "default": 720,
            "maximum": 10080,
            "minimum": 1,
            "type": "integer",
          },
          "maxPilePowerW": Object {
            "default": 6000,
            "maximum": 400000,
            "minimum": 0,
            "type": "integer",
          },
          "maxPortPowerW": Object {
            "default": 600,
            "maximum": 400000,
            "minimum": 0,
            "type": "integer",
          },
          "maxTemperatureC": Object {
            "default": 70,
            "maximum": 200,
            "minimum": 0,
            "type": "number",
          },
          "silenceTimeoutMinutes": Object {
            "default": 30,
            "maximum": 1440,
            "minimum": 1,
            "type": "integer",
          },
        },
        "type": "object",
      },
      "ChargingMeterEvent": Object {
        "additionalProperties": false,
        "description": "Meter values of a charging port, every 30 s or so.",
        "properties": Object {
          "energyWh": Object {
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "powerW": Object {
            "maximum": 400000,
            "minimum": 0,
            "type": "integer",
          },
          "seq": Object {
            "maximum": 2147483647,
            "minimum": 0,
            "type": "integer",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "temperatureC": Object {
            "maximum": 200,
            "minimum": -60,
            "type": "number",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "voltageV": Object {
            "maximum": 1500,
            "minimum": 0,
            "type": "number",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "sessionId",
          "port",
          "seq",
          "energyWh",
          "powerW",
          "voltageV",
        ],
        "type": "object",
      },
      "ChargingMeterEventInput": Object {
        "description": "Meter values of a charging port, every 30 s or so.",
        "properties": Object {
          "energyWh": Object {
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "powerW": Object {
            "maximum": 400000,
            "minimum": 0,
            "type": "integer",
          },
          "seq": Object {
            "maximum": 2147483647,
            "minimum": 0,
            "type": "integer",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "temperatureC": Object {
            "maximum": 200,
            "minimum": -60,
            "type": "number",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "voltageV": Object {
            "maximum": 1500,
            "minimum": 0,
            "type": "number",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "sessionId",
          "port",
          "seq",
          "energyWh",
          "powerW",
          "voltageV",
        ],
        "type": "object",
      },
      "ChargingMeterValue": Object {
        "additionalProperties": false,
        "properties": Object {
          "deviceTs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "energyWh": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "powerW": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "receivedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "seq": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "temperatureC": Object {
            "nullable": true,
            "type": "number",
          },
          "voltageV": Object {
            "type": "number",
          },
        },
        "required": Array [
          "seq",
          "deviceTs",
          "energyWh",
          "powerW",
          "voltageV",
          "temperatureC",
          "receivedAtMs",
        ],
        "type": "object",
      },
      "ChargingMeterValueInput": Object {
        "properties": Object {
          "deviceTs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "energyWh": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "powerW": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "receivedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "seq": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "temperatureC": Object {
            "nullable": true,
            "type": "number",
          },
          "voltageV": Object {
            "type": "number",
          },
        },
        "required": Array [
          "seq",
          "deviceTs",
          "energyWh",
          "powerW",
          "voltageV",
          "temperatureC",
          "receivedAtMs",
        ],
        "type": "object",
      },
      "ChargingSession": Object {
        "additionalProperties": false,
        "properties": Object {
          "cardUid": Object {
            "nullable": true,
            "type": "string",
          },
          "chargedPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "costPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "deviceId": Object {
            "type": "string",
          },
          "endedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "endReason": Object {
            "nullable": true,
            "type": "string",
          },
          "holdPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "port": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "staffId": Object {
            "nullable": true,
            "type": "string",
          },
          "startedBy": Object {
            "enum": Array [
              "card",
              "scan",
            ],
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "starting",
              "open",
              "stopped",
              "silent",
              "reconciled",
              "refused",
              "start_timeout",
            ],
            "type": "string",
          },
          "tariffId": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "deviceId",
          "port",
          "householdId",
          "cardUid",
          "startedBy",
          "staffId",
          "status",
          "tariffId",
          "holdPoints",
          "costPoints",
          "chargedPoints",
          "endReason",
          "createdAtMs",
          "endedAtMs",
        ],
        "type": "object",
      },
      "ChargingSessionInput": Object {
        "properties": Object {
          "cardUid": Object {
            "nullable": true,
            "type": "string",
          },
          "chargedPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "costPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "deviceId": Object {
            "type": "string",
          },
          "endedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "endReason": Object {
            "nullable": true,
            "type": "string",
          },
          "holdPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "port": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "staffId": Object {
            "nullable": true,
            "type": "string",
          },
          "startedBy": Object {
            "enum": Array [
              "card",
              "scan",
            ],
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "starting",
              "open",
              "stopped",
              "silent",
              "reconciled",
              "refused",
              "start_timeout",
            ],
            "type": "string",
          },
          "tariffId": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "deviceId",
          "port",
          "householdId",
          "cardUid",
          "startedBy",
          "staffId",
          "status",
          "tariffId",
          "holdPoints",
          "costPoints",
          "chargedPoints",
          "endReason",
          "createdAtMs",
          "endedAtMs",
        ],
        "type": "object",
      },
      "ChargingSessionList": Object {
        "additionalProperties": false,
        "properties": Object {
          "sessions": Object {
            "items": Object {
              "$ref": "#/components/schemas/ChargingSession",
            },
            "type": "array",
          },
        },
        "required": Array [
          "sessions",
        ],
        "type": "object",
      },
      "ChargingSessionListInput": Object {
        "properties": Object {
          "sessions": Object {
            "items": Object {
              "$ref": "#/components/schemas/ChargingSessionInput",
            },
            "type": "array",
          },
        },
        "required": Array [
          "sessions",
        ],
        "type": "object",
      },
      "ChargingStartedEvent": Object {
        "additionalProperties": false,
        "description": "The pile switched a port on for a session the backend started.",
        "properties": Object {
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "seq": Object {
            "maximum": 2147483647,
            "minimum": 0,
            "type": "integer",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "sessionId",
          "port",
          "seq",
        ],
        "type": "object",
      },
      "ChargingStartedEventInput": Object {
        "description": "The pile switched a port on for a session the backend started.",
        "properties": Object {
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "seq": Object {
            "maximum": 2147483647,
            "minimum": 0,
            "type": "integer",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "sessionId",
          "port",
          "seq",
        ],
        "type": "object",
      },
      "ChargingStoppedEvent": Object {
        "additionalProperties": false,
        "description": "The port switched off; the session is over.",
        "properties": Object {
          "energyWh": Object {
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "faultCode": Object {
            "maxLength": 64,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "message": Object {
            "maxLength": 200,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "reason": Object {
            "enum": Array [
              "FULL",
              "USER",
              "TIME_LIMIT",
              "HOLD_EXHAUSTED",
              "FAULT",
              "OVER_POWER",
              "OVER_TEMPERATURE",
              "ZERO_POWER",
              "UNPLUGGED",
              "PILE_OFFLINE",
            ],
            "type": "string",
          },
          "seq": Object {
            "maximum": 2147483647,
            "minimum": 0,
            "type": "integer",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "sessionId",
          "port",
          "seq",
          "reason",
          "energyWh",
        ],
        "type": "object",
      },
      "ChargingStoppedEventInput": Object {
        "description": "The port switched off; the session is over.",
        "properties": Object {
          "energyWh": Object {
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "faultCode": Object {
            "maxLength": 64,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "message": Object {
            "maxLength": 200,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "reason": Object {
            "enum": Array [
              "FULL",
              "USER",
              "TIME_LIMIT",
              "HOLD_EXHAUSTED",
              "FAULT",
              "OVER_POWER",
              "OVER_TEMPERATURE",
              "ZERO_POWER",
              "UNPLUGGED",
              "PILE_OFFLINE",
            ],
            "type": "string",
          },
          "seq": Object {
            "maximum": 2147483647,
            "minimum": 0,
            "type": "integer",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "sessionId",
          "port",
          "seq",
          "reason",
          "energyWh",
        ],
        "type": "object",
      },
      "ChargingSwipeEvent": Object {
        "additionalProperties": false,
        "description": "A resident swiped a card at the pile to charge on a port; the backend answers start-charging or deny-charging.",
        "properties": Object {
          "card": Object {
            "maxLength": 64,
            "minLength": 4,
            "pattern": "^[A-Za-z0-9_-]+$",
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "method": Object {
            "default": "card",
            "enum": Array [
              "card",
              "qr",
            ],
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "card",
          "port",
          "method",
        ],
        "type": "object",
      },
      "ChargingSwipeEventInput": Object {
        "description": "A resident swiped a card at the pile to charge on a port; the backend answers start-charging or deny-charging.",
        "properties": Object {
          "card": Object {
            "maxLength": 64,
            "minLength": 4,
            "pattern": "^[A-Za-z0-9_-]+$",
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "method": Object {
            "default": "card",
            "enum": Array [
              "card",
              "qr",
            ],
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "card",
          "port",
        ],
        "type": "object",
      },
      "ChargingTariff": Object {
        "additionalProperties": false,
        "properties": Object {
          "freeSessionSeconds": Object {
            "default": 0,
            "maximum": 3600,
            "minimum": 0,
            "type": "integer",
          },
          "idleFee": Object {
            "additionalProperties": false,
            "properties": Object {
              "belowW": Object {
                "maximum": 400000,
                "minimum": 1,
                "type": "integer",
              },
              "graceMinutes": Object {
                "maximum": 1440,
                "minimum": 0,
                "type": "integer",
              },
              "pointsPerHour": Object {
                "maximum": 100000,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": Array [
              "pointsPerHour",
              "belowW",
              "graceMinutes",
            ],
            "type": "object",
          },
          "maxCostPoints": Object {
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
          "minCostPoints": Object {
            "default": 0,
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
          "name": Object {
            "maxLength": 100,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "pricing": Object {
            "oneOf": Array [
              Object {
                "additionalProperties": false,
                "properties": Object {
                  "billingUnit": Object {
                    "enum": Array [
                      "minute",
                      "half_hour",
                    ],
                    "type": "string",
                  },
                  "kind": Object {
                    "enum": Array [
                      "per_hour",
                    ],
                    "type": "string",
                  },
                  "pointsPerHour": Object {
                    "maximum": 100000,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "kind",
                  "pointsPerHour",
                  "billingUnit",
                ],
                "type": "object",
              },
              Object {
                "additionalProperties": false,
                "properties": Object {
                  "kind": Object {
                    "enum": Array [
                      "per_kwh",
                    ],
                    "type": "string",
                  },
                  "pointsPerKwh": Object {
                    "maximum": 100000,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "kind",
                  "pointsPerKwh",
                ],
                "type": "object",
              },
              Object {
                "additionalProperties": false,
                "properties": Object {
                  "billingUnit": Object {
                    "enum": Array [
                      "minute",
                      "half_hour",
                    ],
                    "type": "string",
                  },
                  "kind": Object {
                    "enum": Array [
                      "power_tier",
                    ],
                    "type": "string",
                  },
                  "tiers": Object {
                    "items": Object {
                      "additionalProperties": false,
                      "properties": Object {
                        "pointsPerHour": Object {
                          "maximum": 100000,
                          "minimum": 0,
                          "type": "integer",
                        },
                        "upToW": Object {
                          "maximum": 400000,
                          "minimum": 1,
                          "type": "integer",
                        },
                      },
                      "required": Array [
                        "upToW",
                        "pointsPerHour",
                      ],
                      "type": "object",
                    },
                    "maxItems": 8,
                    "minItems": 1,
                    "type": "array",
                  },
                },
                "required": Array [
                  "kind",
                  "billingUnit",
                  "tiers",
                ],
                "type": "object",
              },
              Object {
                "additionalProperties": false,
                "properties": Object {
                  "kind": Object {
                    "enum": Array [
                      "free",
                    ],
                    "type": "string",
                  },
                },
                "required": Array [
                  "kind",
                ],
                "type": "object",
              },
            ],
          },
          "startFeePoints": Object {
            "default": 0,
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
          "tariffId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "version": Object {
            "maximum": 2147483647,
            "minimum": 1,
            "type": "integer",
          },
        },
        "required": Array [
          "tariffId",
          "version",
          "pricing",
          "startFeePoints",
          "freeSessionSeconds",
          "minCostPoints",
        ],
        "type": "object",
      },
      "ChargingTariffInput": Object {
        "properties": Object {
          "freeSessionSeconds": Object {
            "default": 0,
            "maximum": 3600,
            "minimum": 0,
            "type": "integer",
          },
          "idleFee": Object {
            "properties": Object {
              "belowW": Object {
                "maximum": 400000,
                "minimum": 1,
                "type": "integer",
              },
              "graceMinutes": Object {
                "maximum": 1440,
                "minimum": 0,
                "type": "integer",
              },
              "pointsPerHour": Object {
                "maximum": 100000,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": Array [
              "pointsPerHour",
              "belowW",
              "graceMinutes",
            ],
            "type": "object",
          },
          "maxCostPoints": Object {
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
          "minCostPoints": Object {
            "default": 0,
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
          "name": Object {
            "maxLength": 100,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "pricing": Object {
            "oneOf": Array [
              Object {
                "properties": Object {
                  "billingUnit": Object {
                    "enum": Array [
                      "minute",
                      "half_hour",
                    ],
                    "type": "string",
                  },
                  "kind": Object {
                    "enum": Array [
                      "per_hour",
                    ],
                    "type": "string",
                  },
                  "pointsPerHour": Object {
                    "maximum": 100000,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "kind",
                  "pointsPerHour",
                  "billingUnit",
                ],
                "type": "object",
              },
              Object {
                "properties": Object {
                  "kind": Object {
                    "enum": Array [
                      "per_kwh",
                    ],
                    "type": "string",
                  },
                  "pointsPerKwh": Object {
                    "maximum": 100000,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "kind",
                  "pointsPerKwh",
                ],
                "type": "object",
              },
              Object {
                "properties": Object {
                  "billingUnit": Object {
                    "enum": Array [
                      "minute",
                      "half_hour",
                    ],
                    "type": "string",
                  },
                  "kind": Object {
                    "enum": Array [
                      "power_tier",
                    ],
                    "type": "string",
                  },
                  "tiers": Object {
                    "items": Object {
                      "properties": Object {
                        "pointsPerHour": Object {
                          "maximum": 100000,
                          "minimum": 0,
                          "type": "integer",
                        },
                        "upToW": Object {
                          "maximum": 400000,
                          "minimum": 1,
                          "type": "integer",
                        },
                      },
                      "required": Array [
                        "upToW",
                        "pointsPerHour",
                      ],
                      "type": "object",
                    },
                    "maxItems": 8,
                    "minItems": 1,
                    "type": "array",
                  },
                },
                "required": Array [
                  "kind",
                  "billingUnit",
                  "tiers",
                ],
                "type": "object",
              },
              Object {
                "properties": Object {
                  "kind": Object {
                    "enum": Array [
                      "free",
                    ],
                    "type": "string",
                  },
                },
                "required": Array [
                  "kind",
                ],
                "type": "object",
              },
            ],
          },
          "startFeePoints": Object {
            "default": 0,
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
          "tariffId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "version": Object {
            "maximum": 2147483647,
            "minimum": 1,
            "type": "integer",
          },
        },
        "required": Array [
          "tariffId",
          "version",
          "pricing",
        ],
        "type": "object",
      },
      "ChargingTariffVersion": Object {
        "additionalProperties": false,
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "createdBy": Object {
            "type": "string",
          },
          "deviceId": Object {
            "nullable": true,
            "type": "string",
          },
          "holdDefaultPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "holdMaxPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "limits": Object {
            "description": "ChargingLimits",
          },
          "siteId": Object {
            "type": "string",
          },
          "tariff": Object {
            "description": "ChargingTariff (schemas/json: see docs/charging.md)",
          },
          "version": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "deviceId",
          "version",
          "tariff",
          "limits",
          "holdDefaultPoints",
          "holdMaxPoints",
          "createdBy",
          "createdAtMs",
        ],
        "type": "object",
      },
      "ChargingTariffVersionInput": Object {
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "createdBy": Object {
            "type": "string",
          },
          "deviceId": Object {
            "nullable": true,
            "type": "string",
          },
          "holdDefaultPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "holdMaxPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "limits": Object {
            "description": "ChargingLimits",
          },
          "siteId": Object {
            "type": "string",
          },
          "tariff": Object {
            "description": "ChargingTariff (schemas/json: see docs/charging.md)",
          },
          "version": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "deviceId",
          "version",
          "tariff",
          "limits",
          "holdDefaultPoints",
          "holdMaxPoints",
          "createdBy",
          "createdAtMs",
        ],
        "type": "object",
      },
      "CommandAckEvent": Object {
        "additionalProperties": false,
        "description": "The device carried out (ok) or refused a command.",
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "error": Object {
            "maxLength": 200,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "ok": Object {
            "type": "boolean",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "cmdId",
          "ok",
        ],
        "type": "object",
      },
      "CommandAckEventInput": Object {
        "description": "The device carried out (ok) or refused a command.",
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "error": Object {
            "maxLength": 200,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "ok": Object {
            "type": "boolean",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "cmdId",
          "ok",
        ],
        "type": "object",
      },
      "CreateAdjustment": Object {
        "additionalProperties": false,
        "properties": Object {
          "householdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "points": Object {
            "maximum": 1000000000,
            "minimum": -1000000000,
            "type": "integer",
          },
          "reason": Object {
            "maxLength": 500,
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "householdId",
          "points",
          "reason",
        ],
        "type": "object",
      },
      "CreateAdjustmentInput": Object {
        "properties": Object {
          "householdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "points": Object {
            "maximum": 1000000000,
            "minimum": -1000000000,
            "type": "integer",
          },
          "reason": Object {
            "maxLength": 500,
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "householdId",
          "points",
          "reason",
        ],
        "type": "object",
      },
      "CreateDevice": Object {
        "additionalProperties": false,
        "properties": Object {
          "id": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "kind": Object {
            "enum": Array [
              "kiosk",
              "gate",
              "charger",
            ],
            "type": "string",
          },
          "name": Object {
            "maxLength": 100,
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "kind",
        ],
        "type": "object",
      },
      "CreateDeviceInput": Object {
        "properties": Object {
          "id": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "kind": Object {
            "enum": Array [
              "kiosk",
              "gate",
              "charger",
            ],
            "type": "string",
          },
          "name": Object {
            "maxLength": 100,
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "kind",
        ],
        "type": "object",
      },
      "CreatedStaff": Object {
        "additionalProperties": false,
        "properties": Object {
          "staff": Object {
            "$ref": "#/components/schemas/Staff",
          },
          "token": Object {
            "description": "shown once",
            "type": "string",
          },
        },
        "required": Array [
          "staff",
          "token",
        ],
        "type": "object",
      },
      "CreatedStaffInput": Object {
        "properties": Object {
          "staff": Object {
            "$ref": "#/components/schemas/StaffInput",
          },
          "token": Object {
            "description": "shown once",
            "type": "string",
          },
        },
        "required": Array [
          "staff",
          "token",
        ],
        "type": "object",
      },
      "CreateHousehold": Object {
        "additionalProperties": false,
        "properties": Object {
          "label": Object {
            "maxLength": 64,
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "label",
        ],
        "type": "object",
      },
      "CreateHouseholdInput": Object {
        "properties": Object {
          "label": Object {
            "maxLength": 64,
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "label",
        ],
        "type": "object",
      },
      "CreateShopItem": Object {
        "additionalProperties": false,
        "properties": Object {
          "name": Object {
            "maxLength": 100,
            "minLength": 1,
            "type": "string",
          },
          "pricePoints": Object {
            "maximum": 1000000000,
            "minimum": 1,
            "type": "integer",
          },
          "stock": Object {
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "name",
          "pricePoints",
          "stock",
        ],
        "type": "object",
      },
      "CreateShopItemInput": Object {
        "properties": Object {
          "name": Object {
            "maxLength": 100,
            "minLength": 1,
            "type": "string",
          },
          "pricePoints": Object {
            "maximum": 1000000000,
            "minimum": 1,
            "type": "integer",
          },
          "stock": Object {
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "name",
          "pricePoints",
          "stock",
        ],
        "type": "object",
      },
      "CreateSite": Object {
        "additionalProperties": false,
        "properties": Object {
          "id": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "name": Object {
            "maxLength": 100,
            "minLength": 1,
            "type": "string",
          },
          "rateTable": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/RateTable",
              },
            ],
          },
          "timezone": Object {
            "maxLength": 64,
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "name",
        ],
        "type": "object",
      },
      "CreateSiteInput": Object {
        "properties": Object {
          "id": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "name": Object {
            "maxLength": 100,
            "minLength": 1,
            "type": "string",
          },
          "rateTable": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/RateTableInput",
              },
            ],
          },
          "timezone": Object {
            "maxLength": 64,
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "name",
        ],
        "type": "object",
      },
      "CreateStaff": Object {
        "additionalProperties": false,
        "properties": Object {
          "name": Object {
            "maxLength": 100,
            "minLength": 1,
            "type": "string",
          },
          "role": Object {
            "enum": Array [
              "counter",
              "manager",
              "admin",
            ],
            "type": "string",
          },
          "siteId": Object {
            "maxLength": 64,
            "minLength": 1,
            "nullable": true,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "username": Object {
            "maxLength": 64,
            "minLength": 2,
            "pattern": "^[a-z0-9._-]+$",
            "type": "string",
          },
        },
        "required": Array [
          "username",
          "name",
          "role",
        ],
        "type": "object",
      },
      "CreateStaffInput": Object {
        "properties": Object {
          "name": Object {
            "maxLength": 100,
            "minLength": 1,
            "type": "string",
          },
          "role": Object {
            "enum": Array [
              "counter",
              "manager",
              "admin",
            ],
            "type": "string",
          },
          "siteId": Object {
            "maxLength": 64,
            "minLength": 1,
            "nullable": true,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "username": Object {
            "maxLength": 64,
            "minLength": 2,
            "pattern": "^[a-z0-9._-]+$",
            "type": "string",
          },
        },
        "required": Array [
          "username",
          "name",
          "role",
        ],
        "type": "object",
      },
      "DeadLetter": Object {
        "additionalProperties": false,
        "properties": Object {
          "code": Object {
            "type": "string",
          },
          "deviceId": Object {
            "type": "string",
          },
          "eventId": Object {
            "nullable": true,
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "payload": Object {
            "description": "the payload as sent, in payloadEncoding",
            "type": "string",
          },
          "payloadEncoding": Object {
            "description": "utf8: the payload was text; base64: it held bytes that are not storable text (invalid UTF-8, U+0000)",
            "enum": Array [
              "utf8",
              "base64",
            ],
            "type": "string",
          },
          "reason": Object {
            "type": "string",
          },
          "receivedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "topic": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "deviceId",
          "topic",
          "eventId",
          "code",
          "reason",
          "payload",
          "payloadEncoding",
          "receivedAtMs",
        ],
        "type": "object",
      },
      "DeadLetterInput": Object {
        "properties": Object {
          "code": Object {
            "type": "string",
          },
          "deviceId": Object {
            "type": "string",
          },
          "eventId": Object {
            "nullable": true,
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "payload": Object {
            "description": "the payload as sent, in payloadEncoding",
            "type": "string",
          },
          "payloadEncoding": Object {
            "description": "utf8: the payload was text; base64: it held bytes that are not storable text (invalid UTF-8, U+0000)",
            "enum": Array [
              "utf8",
              "base64",
            ],
            "type": "string",
          },
          "reason": Object {
            "type": "string",
          },
          "receivedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "topic": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "deviceId",
          "topic",
          "eventId",
          "code",
          "reason",
          "payload",
          "payloadEncoding",
          "receivedAtMs",
        ],
        "type": "object",
      },
      "DenyChargingCommand": Object {
        "additionalProperties": false,
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "message": Object {
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "reason": Object {
            "enum": Array [
              "CARD_UNKNOWN",
              "CARD_LOST",
              "CARD_BLOCKED",
              "CARD_WRONG_SITE",
              "HOUSEHOLD_INACTIVE",
              "DEVICE_DISABLED",
              "INSUFFICIENT_POINTS",
              "PORT_BUSY",
              "TARIFF_MISSING",
            ],
            "type": "string",
          },
          "swipeEventId": Object {
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "deny-charging",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "swipeEventId",
          "port",
          "reason",
          "message",
        ],
        "type": "object",
      },
      "DenyChargingCommandInput": Object {
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "message": Object {
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "reason": Object {
            "enum": Array [
              "CARD_UNKNOWN",
              "CARD_LOST",
              "CARD_BLOCKED",
              "CARD_WRONG_SITE",
              "HOUSEHOLD_INACTIVE",
              "DEVICE_DISABLED",
              "INSUFFICIENT_POINTS",
              "PORT_BUSY",
              "TARIFF_MISSING",
            ],
            "type": "string",
          },
          "swipeEventId": Object {
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "deny-charging",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "swipeEventId",
          "port",
          "reason",
          "message",
        ],
        "type": "object",
      },
      "DepositEvent": Object {
        "additionalProperties": false,
        "description": "What the resident dropped in one session, weighed per category.",
        "properties": Object {
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "lines": Object {
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "category": Object {
                  "enum": Array [
                    "paper",
                    "plastic",
                    "metal",
                    "glass",
                    "textile",
                    "kitchen",
                    "hazardous",
                    "other",
                  ],
                  "type": "string",
                },
                "count": Object {
                  "maximum": 1000,
                  "minimum": 0,
                  "type": "integer",
                },
                "grams": Object {
                  "maximum": 1000000,
                  "minimum": -1000000,
                  "type": "integer",
                },
              },
              "required": Array [
                "category",
                "grams",
              ],
              "type": "object",
            },
            "maxItems": 16,
            "minItems": 1,
            "type": "array",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "sessionId",
          "lines",
        ],
        "type": "object",
      },
      "DepositEventInput": Object {
        "description": "What the resident dropped in one session, weighed per category.",
        "properties": Object {
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "lines": Object {
            "items": Object {
              "properties": Object {
                "category": Object {
                  "enum": Array [
                    "paper",
                    "plastic",
                    "metal",
                    "glass",
                    "textile",
                    "kitchen",
                    "hazardous",
                    "other",
                  ],
                  "type": "string",
                },
                "count": Object {
                  "maximum": 1000,
                  "minimum": 0,
                  "type": "integer",
                },
                "grams": Object {
                  "maximum": 1000000,
                  "minimum": -1000000,
                  "type": "integer",
                },
              },
              "required": Array [
                "category",
                "grams",
              ],
              "type": "object",
            },
            "maxItems": 16,
            "minItems": 1,
            "type": "array",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "sessionId",
          "lines",
        ],
        "type": "object",
      },
      "Device": Object {
        "additionalProperties": false,
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "kind": Object {
            "enum": Array [
              "kiosk",
              "gate",
              "charger",
            ],
            "type": "string",
          },
          "lastAuthFailure": Object {
            "additionalProperties": false,
            "description": "the last failed MQTT authentication for this device id, or null",
            "nullable": true,
            "properties": Object {
              "atMs": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
              "failures": Object {
                "description": "failed authentications recorded so far",
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
              "reason": Object {
                "description": "bad-secret, disabled, throttled …",
                "type": "string",
              },
              "remoteAddress": Object {
                "nullable": true,
                "type": "string",
              },
            },
            "required": Array [
              "atMs",
              "reason",
              "remoteAddress",
              "failures",
            ],
            "type": "object",
          },
          "lastSeenAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "lastStatus": Object {
            "description": "last status report (JSON) or null",
          },
          "name": Object {
            "type": "string",
          },
          "online": Object {
            "type": "boolean",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "active",
              "disabled",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "kind",
          "name",
          "status",
          "online",
          "lastSeenAtMs",
          "lastStatus",
          "createdAtMs",
          "lastAuthFailure",
        ],
        "type": "object",
      },
      "DeviceCommand": Object {
        "additionalProperties": false,
        "properties": Object {
          "ackedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "ackError": Object {
            "nullable": true,
            "type": "string",
          },
          "cmdId": Object {
            "type": "string",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "expiresAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "status": Object {
            "enum": Array [
              "pending",
              "acked",
              "failed",
              "expired",
            ],
            "type": "string",
          },
          "type": Object {
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "type",
          "status",
          "createdAtMs",
          "expiresAtMs",
          "ackedAtMs",
          "ackError",
        ],
        "type": "object",
      },
      "DeviceCommandInput": Object {
        "properties": Object {
          "ackedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "ackError": Object {
            "nullable": true,
            "type": "string",
          },
          "cmdId": Object {
            "type": "string",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "expiresAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "status": Object {
            "enum": Array [
              "pending",
              "acked",
              "failed",
              "expired",
            ],
            "type": "string",
          },
          "type": Object {
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "type",
          "status",
          "createdAtMs",
          "expiresAtMs",
          "ackedAtMs",
          "ackError",
        ],
        "type": "object",
      },
      "DeviceEvent": Object {
        "additionalProperties": false,
        "properties": Object {
          "deviceTs": Object {
            "description": "the device's own time of the event",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "eventId": Object {
            "type": "string",
          },
          "outcome": Object {
            "additionalProperties": Object {},
            "description": "what the backend did with it (decision, reason, points …)",
            "type": "object",
          },
          "receivedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "type": Object {
            "type": "string",
          },
        },
        "required": Array [
          "eventId",
          "type",
          "deviceTs",
          "receivedAtMs",
          "outcome",
        ],
        "type": "object",
      },
      "DeviceEventInput": Object {
        "properties": Object {
          "deviceTs": Object {
            "description": "the device's own time of the event",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "eventId": Object {
            "type": "string",
          },
          "outcome": Object {
            "additionalProperties": Object {},
            "description": "what the backend did with it (decision, reason, points …)",
            "type": "object",
          },
          "receivedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "type": Object {
            "type": "string",
          },
        },
        "required": Array [
          "eventId",
          "type",
          "deviceTs",
          "receivedAtMs",
          "outcome",
        ],
        "type": "object",
      },
      "DeviceHealth": Object {
        "additionalProperties": false,
        "properties": Object {
          "bins": Object {
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "category": Object {
                  "type": "string",
                },
                "fillPct": Object {
                  "type": "number",
                },
              },
              "required": Array [
                "category",
                "fillPct",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "deadLetters24h": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "deviceId": Object {
            "type": "string",
          },
          "firmware": Object {
            "nullable": true,
            "type": "string",
          },
          "kind": Object {
            "type": "string",
          },
          "lastSeenAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "name": Object {
            "type": "string",
          },
          "online": Object {
            "type": "boolean",
          },
          "openAlarms": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "ports": Object {
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "port": Object {
                  "maximum": 64,
                  "minimum": 1,
                  "type": "integer",
                },
                "powerW": Object {
                  "maximum": 400000,
                  "minimum": 0,
                  "type": "integer",
                },
                "state": Object {
                  "enum": Array [
                    "idle",
                    "charging",
                    "fault",
                    "offline",
                  ],
                  "type": "string",
                },
              },
              "required": Array [
                "port",
                "state",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "rssiDbm": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "type": "string",
          },
          "temperatureC": Object {
            "nullable": true,
            "type": "number",
          },
          "unacknowledgedCommands": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "uptimeS": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
        },
        "required": Array [
          "deviceId",
          "siteId",
          "kind",
          "name",
          "status",
          "online",
          "lastSeenAtMs",
          "firmware",
          "uptimeS",
          "rssiDbm",
          "temperatureC",
          "bins",
          "ports",
          "unacknowledgedCommands",
          "deadLetters24h",
          "openAlarms",
        ],
        "type": "object",
      },
      "DeviceHealthInput": Object {
        "properties": Object {
          "bins": Object {
            "items": Object {
              "properties": Object {
                "category": Object {
                  "type": "string",
                },
                "fillPct": Object {
                  "type": "number",
                },
              },
              "required": Array [
                "category",
                "fillPct",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "deadLetters24h": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "deviceId": Object {
            "type": "string",
          },
          "firmware": Object {
            "nullable": true,
            "type": "string",
          },
          "kind": Object {
            "type": "string",
          },
          "lastSeenAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "name": Object {
            "type": "string",
          },
          "online": Object {
            "type": "boolean",
          },
          "openAlarms": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "ports": Object {
            "items": Object {
              "properties": Object {
                "port": Object {
                  "maximum": 64,
                  "minimum": 1,
                  "type": "integer",
                },
                "powerW": Object {
                  "maximum": 400000,
                  "minimum": 0,
                  "type": "integer",
                },
                "state": Object {
                  "enum": Array [
                    "idle",
                    "charging",
                    "fault",
                    "offline",
                  ],
                  "type": "string",
                },
              },
              "required": Array [
                "port",
                "state",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "rssiDbm": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "type": "string",
          },
          "temperatureC": Object {
            "nullable": true,
            "type": "number",
          },
          "unacknowledgedCommands": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "uptimeS": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
        },
        "required": Array [
          "deviceId",
          "siteId",
          "kind",
          "name",
          "status",
          "online",
          "lastSeenAtMs",
          "firmware",
          "uptimeS",
          "rssiDbm",
          "temperatureC",
          "bins",
          "ports",
          "unacknowledgedCommands",
          "deadLetters24h",
          "openAlarms",
        ],
        "type": "object",
      },
      "DeviceInput": Object {
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "kind": Object {
            "enum": Array [
              "kiosk",
              "gate",
              "charger",
            ],
            "type": "string",
          },
          "lastAuthFailure": Object {
            "description": "the last failed MQTT authentication for this device id, or null",
            "nullable": true,
            "properties": Object {
              "atMs": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
              "failures": Object {
                "description": "failed authentications recorded so far",
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
              "reason": Object {
                "description": "bad-secret, disabled, throttled …",
                "type": "string",
              },
              "remoteAddress": Object {
                "nullable": true,
                "type": "string",
              },
            },
            "required": Array [
              "atMs",
              "reason",
              "remoteAddress",
              "failures",
            ],
            "type": "object",
          },
          "lastSeenAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "lastStatus": Object {
            "description": "last status report (JSON) or null",
          },
          "name": Object {
            "type": "string",
          },
          "online": Object {
            "type": "boolean",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "active",
              "disabled",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "kind",
          "name",
          "status",
          "online",
          "lastSeenAtMs",
          "lastStatus",
          "createdAtMs",
          "lastAuthFailure",
        ],
        "type": "object",
      },
      "DeviceStatus": Object {
        "additionalProperties": false,
        "description": "Heartbeat and presence; retained; also the last-will payload with online=false.",
        "properties": Object {
          "bins": Object {
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "category": Object {
                  "enum": Array [
                    "paper",
                    "plastic",
                    "metal",
                    "glass",
                    "textile",
                    "kitchen",
                    "hazardous",
                    "other",
                  ],
                  "type": "string",
                },
                "fillPct": Object {
                  "maximum": 100,
                  "minimum": 0,
                  "type": "number",
                },
              },
              "required": Array [
                "category",
                "fillPct",
              ],
              "type": "object",
            },
            "maxItems": 16,
            "type": "array",
          },
          "firmware": Object {
            "maxLength": 64,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "online": Object {
            "type": "boolean",
          },
          "ports": Object {
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "port": Object {
                  "maximum": 64,
                  "minimum": 1,
                  "type": "integer",
                },
                "powerW": Object {
                  "maximum": 400000,
                  "minimum": 0,
                  "type": "integer",
                },
                "state": Object {
                  "enum": Array [
                    "idle",
                    "charging",
                    "fault",
                    "offline",
                  ],
                  "type": "string",
                },
              },
              "required": Array [
                "port",
                "state",
              ],
              "type": "object",
            },
            "maxItems": 64,
            "type": "array",
          },
          "rssiDbm": Object {
            "maximum": 0,
            "minimum": -150,
            "type": "integer",
          },
          "temperatureC": Object {
            "maximum": 120,
            "minimum": -60,
            "type": "number",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "uptimeS": Object {
            "maximum": 9007199254740991,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "online",
        ],
        "type": "object",
      },
      "DeviceStatusInput": Object {
        "description": "Heartbeat and presence; retained; also the last-will payload with online=false.",
        "properties": Object {
          "bins": Object {
            "items": Object {
              "properties": Object {
                "category": Object {
                  "enum": Array [
                    "paper",
                    "plastic",
                    "metal",
                    "glass",
                    "textile",
                    "kitchen",
                    "hazardous",
                    "other",
                  ],
                  "type": "string",
                },
                "fillPct": Object {
                  "maximum": 100,
                  "minimum": 0,
                  "type": "number",
                },
              },
              "required": Array [
                "category",
                "fillPct",
              ],
              "type": "object",
            },
            "maxItems": 16,
            "type": "array",
          },
          "firmware": Object {
            "maxLength": 64,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "online": Object {
            "type": "boolean",
          },
          "ports": Object {
            "items": Object {
              "properties": Object {
                "port": Object {
                  "maximum": 64,
                  "minimum": 1,
                  "type": "integer",
                },
                "powerW": Object {
                  "maximum": 400000,
                  "minimum": 0,
                  "type": "integer",
                },
                "state": Object {
                  "enum": Array [
                    "idle",
                    "charging",
                    "fault",
                    "offline",
                  ],
                  "type": "string",
                },
              },
              "required": Array [
                "port",
                "state",
              ],
              "type": "object",
            },
            "maxItems": 64,
            "type": "array",
          },
          "rssiDbm": Object {
            "maximum": 0,
            "minimum": -150,
            "type": "integer",
          },
          "temperatureC": Object {
            "maximum": 120,
            "minimum": -60,
            "type": "number",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "uptimeS": Object {
            "maximum": 9007199254740991,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "online",
        ],
        "type": "object",
      },
      "DoorEvent": Object {
        "additionalProperties": false,
        "description": "The deposit window opened or closed during a session.",
        "properties": Object {
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "state": Object {
            "enum": Array [
              "opened",
              "closed",
            ],
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "sessionId",
          "state",
        ],
        "type": "object",
      },
      "DoorEventInput": Object {
        "description": "The deposit window opened or closed during a session.",
        "properties": Object {
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "state": Object {
            "enum": Array [
              "opened",
              "closed",
            ],
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "sessionId",
          "state",
        ],
        "type": "object",
      },
      "ErrorBody": Object {
        "additionalProperties": false,
        "properties": Object {
          "error": Object {
            "additionalProperties": false,
            "properties": Object {
              "code": Object {
                "type": "string",
              },
              "details": Object {},
              "message": Object {
                "type": "string",
              },
            },
            "required": Array [
              "code",
              "message",
            ],
            "type": "object",
          },
        },
        "required": Array [
          "error",
        ],
        "type": "object",
      },
      "ErrorBodyInput": Object {
        "properties": Object {
          "error": Object {
            "properties": Object {
              "code": Object {
                "type": "string",
              },
              "details": Object {},
              "message": Object {
                "type": "string",
              },
            },
            "required": Array [
              "code",
              "message",
            ],
            "type": "object",
          },
        },
        "required": Array [
          "error",
        ],
        "type": "object",
      },
      "GateAccessRequest": Object {
        "additionalProperties": false,
        "description": "A card or visitor pass was presented at an online gate; answer with gate-open or gate-deny.",
        "properties": Object {
          "credential": Object {
            "oneOf": Array [
              Object {
                "additionalProperties": false,
                "properties": Object {
                  "card": Object {
                    "maxLength": 64,
                    "minLength": 4,
                    "pattern": "^[A-Za-z0-9_-]+$",
                    "type": "string",
                  },
                  "kind": Object {
                    "enum": Array [
                      "card",
                    ],
                    "type": "string",
                  },
                },
                "required": Array [
                  "kind",
                  "card",
                ],
                "type": "object",
              },
              Object {
                "additionalProperties": false,
                "properties": Object {
                  "kind": Object {
                    "enum": Array [
                      "pass",
                    ],
                    "type": "string",
                  },
                  "qr": Object {
                    "maxLength": 1024,
                    "minLength": 1,
                    "pattern": "^[^\\\\u0000]*$",
                    "type": "string",
                  },
                },
                "required": Array [
                  "kind",
                  "qr",
                ],
                "type": "object",
              },
            ],
          },
          "direction": Object {
            "enum": Array [
              "in",
              "out",
            ],
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "reader": Object {
            "maximum": 15,
            "minimum": 0,
            "type": "integer",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "credential",
          "reader",
          "direction",
        ],
        "type": "object",
      },
      "GateAccessRequestInput": Object {
        "description": "A card or visitor pass was presented at an online gate; answer with gate-open or gate-deny.",
        "properties": Object {
          "credential": Object {
            "oneOf": Array [
              Object {
                "properties": Object {
                  "card": Object {
                    "maxLength": 64,
                    "minLength": 4,
                    "pattern": "^[A-Za-z0-9_-]+$",
                    "type": "string",
                  },
                  "kind": Object {
                    "enum": Array [
                      "card",
                    ],
                    "type": "string",
                  },
                },
                "required": Array [
                  "kind",
                  "card",
                ],
                "type": "object",
              },
              Object {
                "properties": Object {
                  "kind": Object {
                    "enum": Array [
                      "pass",
                    ],
                    "type": "string",
                  },
                  "qr": Object {
                    "maxLength": 1024,
                    "minLength": 1,
                    "pattern": "^[^\\\\u0000]*$",
                    "type": "string",
                  },
                },
                "required": Array [
                  "kind",
                  "qr",
                ],
                "type": "object",
              },
            ],
          },
          "direction": Object {
            "enum": Array [
              "in",
              "out",
            ],
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "reader": Object {
            "maximum": 15,
            "minimum": 0,
            "type": "integer",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "credential",
          "reader",
          "direction",
        ],
        "type": "object",
      },
      "GateCommand": Object {
        "description": "A command to a gate; acknowledge with a command-ack event.",
        "oneOf": Array [
          Object {
            "$ref": "#/components/schemas/GateOpenCommand",
          },
          Object {
            "$ref": "#/components/schemas/GateDenyCommand",
          },
          Object {
            "$ref": "#/components/schemas/AllowListFullCommand",
          },
          Object {
            "$ref": "#/components/schemas/AllowListDeltaCommand",
          },
          Object {
            "$ref": "#/components/schemas/TimeSyncCommand",
          },
          Object {
            "$ref": "#/components/schemas/GateConfigCommand",
          },
        ],
      },
      "GateCommandInput": Object {
        "description": "A command to a gate; acknowledge with a command-ack event.",
        "oneOf": Array [
          Object {
            "$ref": "#/components/schemas/GateOpenCommandInput",
          },
          Object {
            "$ref": "#/components/schemas/GateDenyCommandInput",
          },
          Object {
            "$ref": "#/components/schemas/AllowListFullCommandInput",
          },
          Object {
            "$ref": "#/components/schemas/AllowListDeltaCommandInput",
          },
          Object {
            "$ref": "#/components/schemas/TimeSyncCommandInput",
          },
          Object {
            "$ref": "#/components/schemas/GateConfigCommandInput",
          },
        ],
      },
      "GateConfigCommand": Object {
        "additionalProperties": false,
        "properties": Object {
          "cardHashSalt": Object {
            "pattern": "^(?:[0-9a-f]{2}){16,64}$",
            "type": "string",
          },
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "directions": Object {
            "items": Object {
              "enum": Array [
                "in",
                "out",
              ],
              "type": "string",
            },
            "maxItems": 2,
            "minItems": 1,
            "type": "array",
          },
          "releaseMs": Object {
            "maximum": 60000,
            "minimum": 500,
            "type": "integer",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "gate-config",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "directions",
          "releaseMs",
          "cardHashSalt",
        ],
        "type": "object",
      },
      "GateConfigCommandInput": Object {
        "properties": Object {
          "cardHashSalt": Object {
            "pattern": "^(?:[0-9a-f]{2}){16,64}$",
            "type": "string",
          },
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "directions": Object {
            "items": Object {
              "enum": Array [
                "in",
                "out",
              ],
              "type": "string",
            },
            "maxItems": 2,
            "minItems": 1,
            "type": "array",
          },
          "releaseMs": Object {
            "maximum": 60000,
            "minimum": 500,
            "type": "integer",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "gate-config",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "directions",
          "releaseMs",
          "cardHashSalt",
        ],
        "type": "object",
      },
      "GateDenyCommand": Object {
        "additionalProperties": false,
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "message": Object {
            "maxLength": 200,
            "type": "string",
          },
          "reason": Object {
            "enum": Array [
              "CARD_UNKNOWN",
              "CARD_LOST",
              "CARD_BLOCKED",
              "CARD_WRONG_SITE",
              "HOUSEHOLD_INACTIVE",
              "DEVICE_DISABLED",
              "DIRECTION_NOT_SERVED",
              "OUTSIDE_DATE_RANGE",
              "OUTSIDE_SCHEDULE",
              "ANTI_PASSBACK",
              "FORGED",
              "EXPIRED",
              "NOT_YET_VALID",
              "REVOKED",
              "EXHAUSTED",
              "WRONG_SITE",
              "WRONG_GATE",
              "UNKNOWN_KEY",
              "CLOCK_UNTRUSTED",
              "NOT_IN_ALLOW_LIST",
            ],
            "type": "string",
          },
          "requestEventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "gate-deny",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "requestEventId",
          "reason",
          "message",
        ],
        "type": "object",
      },
      "GateDenyCommandInput": Object {
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "message": Object {
            "maxLength": 200,
            "type": "string",
          },
          "reason": Object {
            "enum": Array [
              "CARD_UNKNOWN",
              "CARD_LOST",
              "CARD_BLOCKED",
              "CARD_WRONG_SITE",
              "HOUSEHOLD_INACTIVE",
              "DEVICE_DISABLED",
              "DIRECTION_NOT_SERVED",
              "OUTSIDE_DATE_RANGE",
              "OUTSIDE_SCHEDULE",
              "ANTI_PASSBACK",
              "FORGED",
              "EXPIRED",
              "NOT_YET_VALID",
              "REVOKED",
              "EXHAUSTED",
              "WRONG_SITE",
              "WRONG_GATE",
              "UNKNOWN_KEY",
              "CLOCK_UNTRUSTED",
              "NOT_IN_ALLOW_LIST",
            ],
            "type": "string",
          },
          "requestEventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "gate-deny",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "requestEventId",
          "reason",
          "message",
        ],
        "type": "object",
      },
      "GateDoorAlarm": Object {
        "additionalProperties": false,
        "description": "The door was held open beyond the gate's limit, or opened without a grant (forced).",
        "properties": Object {
          "alarm": Object {
            "enum": Array [
              "held-open",
              "forced",
            ],
            "type": "string",
          },
          "detail": Object {
            "maxLength": 200,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "openForS": Object {
            "maximum": 604800,
            "minimum": 0,
            "type": "integer",
          },
          "state": Object {
            "enum": Array [
              "raised",
              "cleared",
            ],
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "alarm",
          "state",
        ],
        "type": "object",
      },
      "GateDoorAlarmInput": Object {
        "description": "The door was held open beyond the gate's limit, or opened without a grant (forced).",
        "properties": Object {
          "alarm": Object {
            "enum": Array [
              "held-open",
              "forced",
            ],
            "type": "string",
          },
          "detail": Object {
            "maxLength": 200,
            "pattern": "^[^\\\\u0000]*$",
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "openForS": Object {
            "maximum": 604800,
            "minimum": 0,
            "type": "integer",
          },
          "state": Object {
            "enum": Array [
              "raised",
              "cleared",
            ],
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "alarm",
          "state",
        ],
        "type": "object",
      },
      "GateOfflineDecision": Object {
        "additionalProperties": false,
        "description": "An access decision a gate took offline, replayed later.",
        "properties": Object {
          "allowListVersion": Object {
            "maximum": 2147483647,
            "minimum": 0,
            "type": "integer",
          },
          "clockSynced": Object {
            "type": "boolean",
          },
          "credential": Object {
            "oneOf": Array [
              Object {
                "additionalProperties": false,
                "properties": Object {
                  "card": Object {
                    "maxLength": 64,
                    "minLength": 4,
                    "pattern": "^[A-Za-z0-9_-]+$",
                    "type": "string",
                  },
                  "kind": Object {
                    "enum": Array [
                      "card",
                    ],
                    "type": "string",
                  },
                },
                "required": Array [
                  "kind",
                  "card",
                ],
                "type": "object",
              },
              Object {
                "additionalProperties": false,
                "properties": Object {
                  "kind": Object {
                    "enum": Array [
                      "pass",
                    ],
                    "type": "string",
                  },
                  "qr": Object {
                    "maxLength": 1024,
                    "minLength": 1,
                    "pattern": "^[^\\\\u0000]*$",
                    "type": "string",
                  },
                },
                "required": Array [
                  "kind",
                  "qr",
                ],
                "type": "object",
              },
            ],
          },
          "decision": Object {
            "oneOf": Array [
              Object {
                "additionalProperties": false,
                "properties": Object {
                  "result": Object {
                    "enum": Array [
                      "allow",
                    ],
                    "type": "string",
                  },
                },
                "required": Array [
                  "result",
                ],
                "type": "object",
              },
              Object {
                "additionalProperties": false,
                "properties": Object {
                  "reason": Object {
                    "enum": Array [
                      "CARD_UNKNOWN",
                      "CARD_LOST",
                      "CARD_BLOCKED",
                      "CARD_WRONG_SITE",
                      "HOUSEHOLD_INACTIVE",
                      "DEVICE_DISABLED",
                      "DIRECTION_NOT_SERVED",
                      "OUTSIDE_DATE_RANGE",
                      "OUTSIDE_SCHEDULE",
                      "ANTI_PASSBACK",
                      "FORGED",
                      "EXPIRED",
                      "NOT_YET_VALID",
                      "REVOKED",
                      "EXHAUSTED",
                      "WRONG_SITE",
                      "WRONG_GATE",
                      "UNKNOWN_KEY",
                      "CLOCK_UNTRUSTED",
                      "NOT_IN_ALLOW_LIST",
                    ],
                    "type": "string",
                  },
                  "result": Object {
                    "enum": Array [
                      "deny",
                    ],
                    "type": "string",
                  },
                },
                "required": Array [
                  "result",
                  "reason",
                ],
                "type": "object",
              },
            ],
          },
          "direction": Object {
            "enum": Array [
              "in",
              "out",
            ],
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "passUsesBefore": Object {
            "maximum": 1000,
            "minimum": 0,
            "type": "integer",
          },
          "reader": Object {
            "maximum": 15,
            "minimum": 0,
            "type": "integer",
          },
          "requestEventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "credential",
          "reader",
          "direction",
          "decision",
          "allowListVersion",
          "clockSynced",
        ],
        "type": "object",
      },
      "GateOfflineDecisionInput": Object {
        "description": "An access decision a gate took offline, replayed later.",
        "properties": Object {
          "allowListVersion": Object {
            "maximum": 2147483647,
            "minimum": 0,
            "type": "integer",
          },
          "clockSynced": Object {
            "type": "boolean",
          },
          "credential": Object {
            "oneOf": Array [
              Object {
                "properties": Object {
                  "card": Object {
                    "maxLength": 64,
                    "minLength": 4,
                    "pattern": "^[A-Za-z0-9_-]+$",
                    "type": "string",
                  },
                  "kind": Object {
                    "enum": Array [
                      "card",
                    ],
                    "type": "string",
                  },
                },
                "required": Array [
                  "kind",
                  "card",
                ],
                "type": "object",
              },
              Object {
                "properties": Object {
                  "kind": Object {
                    "enum": Array [
                      "pass",
                    ],
                    "type": "string",
                  },
                  "qr": Object {
                    "maxLength": 1024,
                    "minLength": 1,
                    "pattern": "^[^\\\\u0000]*$",
                    "type": "string",
                  },
                },
                "required": Array [
                  "kind",
                  "qr",
                ],
                "type": "object",
              },
            ],
          },
          "decision": Object {
            "oneOf": Array [
              Object {
                "properties": Object {
                  "result": Object {
                    "enum": Array [
                      "allow",
                    ],
                    "type": "string",
                  },
                },
                "required": Array [
                  "result",
                ],
                "type": "object",
              },
              Object {
                "properties": Object {
                  "reason": Object {
                    "enum": Array [
                      "CARD_UNKNOWN",
                      "CARD_LOST",
                      "CARD_BLOCKED",
                      "CARD_WRONG_SITE",
                      "HOUSEHOLD_INACTIVE",
                      "DEVICE_DISABLED",
                      "DIRECTION_NOT_SERVED",
                      "OUTSIDE_DATE_RANGE",
                      "OUTSIDE_SCHEDULE",
                      "ANTI_PASSBACK",
                      "FORGED",
                      "EXPIRED",
                      "NOT_YET_VALID",
                      "REVOKED",
                      "EXHAUSTED",
                      "WRONG_SITE",
                      "WRONG_GATE",
                      "UNKNOWN_KEY",
                      "CLOCK_UNTRUSTED",
                      "NOT_IN_ALLOW_LIST",
                    ],
                    "type": "string",
                  },
                  "result": Object {
                    "enum": Array [
                      "deny",
                    ],
                    "type": "string",
                  },
                },
                "required": Array [
                  "result",
                  "reason",
                ],
                "type": "object",
              },
            ],
          },
          "direction": Object {
            "enum": Array [
              "in",
              "out",
            ],
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "passUsesBefore": Object {
            "maximum": 1000,
            "minimum": 0,
            "type": "integer",
          },
          "reader": Object {
            "maximum": 15,
            "minimum": 0,
            "type": "integer",
          },
          "requestEventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "credential",
          "reader",
          "direction",
          "decision",
          "allowListVersion",
          "clockSynced",
        ],
        "type": "object",
      },
      "GateOpenCommand": Object {
        "additionalProperties": false,
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "expiresAtMs": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "reader": Object {
            "maximum": 15,
            "minimum": 0,
            "type": "integer",
          },
          "releaseMs": Object {
            "maximum": 60000,
            "minimum": 500,
            "type": "integer",
          },
          "requestEventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "gate-open",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "releaseMs",
          "expiresAtMs",
        ],
        "type": "object",
      },
      "GateOpenCommandInput": Object {
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "expiresAtMs": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "reader": Object {
            "maximum": 15,
            "minimum": 0,
            "type": "integer",
          },
          "releaseMs": Object {
            "maximum": 60000,
            "minimum": 500,
            "type": "integer",
          },
          "requestEventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "gate-open",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "releaseMs",
          "expiresAtMs",
        ],
        "type": "object",
      },
      "GateState": Object {
        "additionalProperties": false,
        "properties": Object {
          "deviceId": Object {
            "type": "string",
          },
          "directions": Object {
            "items": Object {
              "enum": Array [
                "in",
                "out",
              ],
              "type": "string",
            },
            "type": "array",
          },
          "listAckedVersion": Object {
            "description": "the allow-list version the gate acknowledged (0: none)",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "listSentVersion": Object {
            "description": "the version of the last list command sent",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "releaseMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "siteListVersion": Object {
            "description": "the site's current list version",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "timeSyncedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "zoneId": Object {
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "deviceId",
          "directions",
          "zoneId",
          "releaseMs",
          "listAckedVersion",
          "listSentVersion",
          "siteListVersion",
          "timeSyncedAtMs",
        ],
        "type": "object",
      },
      "GateStateInput": Object {
        "properties": Object {
          "deviceId": Object {
            "type": "string",
          },
          "directions": Object {
            "items": Object {
              "enum": Array [
                "in",
                "out",
              ],
              "type": "string",
            },
            "type": "array",
          },
          "listAckedVersion": Object {
            "description": "the allow-list version the gate acknowledged (0: none)",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "listSentVersion": Object {
            "description": "the version of the last list command sent",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "releaseMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "siteListVersion": Object {
            "description": "the site's current list version",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "timeSyncedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "zoneId": Object {
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "deviceId",
          "directions",
          "zoneId",
          "releaseMs",
          "listAckedVersion",
          "listSentVersion",
          "siteListVersion",
          "timeSyncedAtMs",
        ],
        "type": "object",
      },
      "GateTraffic": Object {
        "additionalProperties": false,
        "description": "access-log decisions by when they happened (site-local)",
        "properties": Object {
          "denied": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "grantedIn": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "grantedOut": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "offline": Object {
            "description": "decisions gates took alone from their allow-list",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "remoteOpens": Object {
            "description": "doors opened by staff",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "visitorEntries": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
        },
        "required": Array [
          "grantedIn",
          "grantedOut",
          "remoteOpens",
          "denied",
          "offline",
          "visitorEntries",
        ],
        "type": "object",
      },
      "GateTrafficInput": Object {
        "description": "access-log decisions by when they happened (site-local)",
        "properties": Object {
          "denied": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "grantedIn": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "grantedOut": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "offline": Object {
            "description": "decisions gates took alone from their allow-list",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "remoteOpens": Object {
            "description": "doors opened by staff",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "visitorEntries": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
        },
        "required": Array [
          "grantedIn",
          "grantedOut",
          "remoteOpens",
          "denied",
          "offline",
          "visitorEntries",
        ],
        "type": "object",
      },
      "Household": Object {
        "additionalProperties": false,
        "properties": Object {
          "availablePoints": Object {
            "description": "balancePoints − heldPoints: what the counter may redeem",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "heldPoints": Object {
            "description": "held for charging sessions: part of the balance, not redeemable until settled",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "label": Object {
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "active",
              "inactive",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "label",
          "status",
          "balancePoints",
          "heldPoints",
          "availablePoints",
          "createdAtMs",
        ],
        "type": "object",
      },
      "HouseholdInput": Object {
        "properties": Object {
          "availablePoints": Object {
            "description": "balancePoints − heldPoints: what the counter may redeem",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "heldPoints": Object {
            "description": "held for charging sessions: part of the balance, not redeemable until settled",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "label": Object {
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "active",
              "inactive",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "label",
          "status",
          "balancePoints",
          "heldPoints",
          "availablePoints",
          "createdAtMs",
        ],
        "type": "object",
      },
      "HouseholdView": Object {
        "additionalProperties": false,
        "properties": Object {
          "availablePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "cards": Object {
            "items": Object {
              "$ref": "#/components/schemas/Card",
            },
            "type": "array",
          },
          "heldPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "household": Object {
            "$ref": "#/components/schemas/Household",
          },
        },
        "required": Array [
          "household",
          "cards",
          "balancePoints",
          "heldPoints",
          "availablePoints",
        ],
        "type": "object",
      },
      "HouseholdViewInput": Object {
        "properties": Object {
          "availablePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "cards": Object {
            "items": Object {
              "$ref": "#/components/schemas/CardInput",
            },
            "type": "array",
          },
          "heldPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "household": Object {
            "$ref": "#/components/schemas/HouseholdInput",
          },
        },
        "required": Array [
          "household",
          "cards",
          "balancePoints",
          "heldPoints",
          "availablePoints",
        ],
        "type": "object",
      },
      "LedgerEntry": Object {
        "additionalProperties": false,
        "properties": Object {
          "approvedBy": Object {
            "nullable": true,
            "type": "string",
          },
          "balanceAfter": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "kind": Object {
            "enum": Array [
              "earn",
              "redeem",
              "reverse",
              "adjust",
              "charge",
              "refund",
            ],
            "type": "string",
          },
          "points": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "reason": Object {
            "nullable": true,
            "type": "string",
          },
          "refId": Object {
            "nullable": true,
            "type": "string",
          },
          "refType": Object {
            "nullable": true,
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
          "staffId": Object {
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "householdId",
          "siteId",
          "kind",
          "points",
          "balanceAfter",
          "refType",
          "refId",
          "reason",
          "staffId",
          "approvedBy",
          "createdAtMs",
        ],
        "type": "object",
      },
      "LedgerEntryInput": Object {
        "properties": Object {
          "approvedBy": Object {
            "nullable": true,
            "type": "string",
          },
          "balanceAfter": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "kind": Object {
            "enum": Array [
              "earn",
              "redeem",
              "reverse",
              "adjust",
              "charge",
              "refund",
            ],
            "type": "string",
          },
          "points": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "reason": Object {
            "nullable": true,
            "type": "string",
          },
          "refId": Object {
            "nullable": true,
            "type": "string",
          },
          "refType": Object {
            "nullable": true,
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
          "staffId": Object {
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "householdId",
          "siteId",
          "kind",
          "points",
          "balanceAfter",
          "refType",
          "refId",
          "reason",
          "staffId",
          "approvedBy",
          "createdAtMs",
        ],
        "type": "object",
      },
      "LedgerPage": Object {
        "additionalProperties": false,
        "properties": Object {
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "entries": Object {
            "items": Object {
              "$ref": "#/components/schemas/LedgerEntry",
            },
            "type": "array",
          },
          "nextBefore": Object {
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "entries",
          "nextBefore",
          "balancePoints",
        ],
        "type": "object",
      },
      "LedgerPageInput": Object {
        "properties": Object {
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "entries": Object {
            "items": Object {
              "$ref": "#/components/schemas/LedgerEntryInput",
            },
            "type": "array",
          },
          "nextBefore": Object {
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "entries",
          "nextBefore",
          "balancePoints",
        ],
        "type": "object",
      },
      "LinkCard": Object {
        "additionalProperties": false,
        "properties": Object {
          "uid": Object {
            "maxLength": 64,
            "minLength": 4,
            "pattern": "^[A-Za-z0-9_-]+$",
            "type": "string",
          },
        },
        "required": Array [
          "uid",
        ],
        "type": "object",
      },
      "LinkCardInput": Object {
        "properties": Object {
          "uid": Object {
            "maxLength": 64,
            "minLength": 4,
            "pattern": "^[A-Za-z0-9_-]+$",
            "type": "string",
          },
        },
        "required": Array [
          "uid",
        ],
        "type": "object",
      },
      "Pickup": Object {
        "additionalProperties": false,
        "properties": Object {
          "alarmId": Object {
            "nullable": true,
            "type": "string",
          },
          "category": Object {
            "type": "string",
          },
          "collectedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "collectedBy": Object {
            "nullable": true,
            "type": "string",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "createdBy": Object {
            "type": "string",
          },
          "deviceId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "reconciliation": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/PickupReconciliation",
              },
            ],
            "nullable": true,
          },
          "sinceMs": Object {
            "description": "the previous collection of this bin; null: none before",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "open",
              "collected",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "deviceId",
          "category",
          "status",
          "alarmId",
          "createdBy",
          "createdAtMs",
          "collectedBy",
          "collectedAtMs",
          "sinceMs",
          "reconciliation",
        ],
        "type": "object",
      },
      "PickupInput": Object {
        "properties": Object {
          "alarmId": Object {
            "nullable": true,
            "type": "string",
          },
          "category": Object {
            "type": "string",
          },
          "collectedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "collectedBy": Object {
            "nullable": true,
            "type": "string",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "createdBy": Object {
            "type": "string",
          },
          "deviceId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "reconciliation": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/PickupReconciliationInput",
              },
            ],
            "nullable": true,
          },
          "sinceMs": Object {
            "description": "the previous collection of this bin; null: none before",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "open",
              "collected",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "deviceId",
          "category",
          "status",
          "alarmId",
          "createdBy",
          "createdAtMs",
          "collectedBy",
          "collectedAtMs",
          "sinceMs",
          "reconciliation",
        ],
        "type": "object",
      },
      "PickupReconciliation": Object {
        "additionalProperties": false,
        "properties": Object {
          "collectedGrams": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "depositedGrams": Object {
            "description": "the bin's category in the kiosk's deposits since the previous collection",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "differenceGrams": Object {
            "description": "collected − deposited: negative when the bin held less than was credited",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "differencePct": Object {
            "description": "the difference in % of the deposited weight; null when nothing was deposited",
            "nullable": true,
            "type": "number",
          },
        },
        "required": Array [
          "collectedGrams",
          "depositedGrams",
          "differenceGrams",
          "differencePct",
        ],
        "type": "object",
      },
      "PickupReconciliationInput": Object {
        "properties": Object {
          "collectedGrams": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "depositedGrams": Object {
            "description": "the bin's category in the kiosk's deposits since the previous collection",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "differenceGrams": Object {
            "description": "collected − deposited: negative when the bin held less than was credited",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "differencePct": Object {
            "description": "the difference in % of the deposited weight; null when nothing was deposited",
            "nullable": true,
            "type": "number",
          },
        },
        "required": Array [
          "collectedGrams",
          "depositedGrams",
          "differenceGrams",
          "differencePct",
        ],
        "type": "object",
      },
      "PointHold": Object {
        "additionalProperties": false,
        "properties": Object {
          "chargedPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "closedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "closeReason": Object {
            "nullable": true,
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "placedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "points": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "releasedPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "status": Object {
            "enum": Array [
              "held",
              "settled",
              "released",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "points",
          "status",
          "placedAtMs",
          "closedAtMs",
          "chargedPoints",
          "releasedPoints",
          "closeReason",
        ],
        "type": "object",
      },
      "PointHoldInput": Object {
        "properties": Object {
          "chargedPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "closedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "closeReason": Object {
            "nullable": true,
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "placedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "points": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "releasedPoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "status": Object {
            "enum": Array [
              "held",
              "settled",
              "released",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "points",
          "status",
          "placedAtMs",
          "closedAtMs",
          "chargedPoints",
          "releasedPoints",
          "closeReason",
        ],
        "type": "object",
      },
      "ProvisionedDevice": Object {
        "additionalProperties": false,
        "properties": Object {
          "device": Object {
            "$ref": "#/components/schemas/Device",
          },
          "secret": Object {
            "description": "shown once; store it in the device",
            "type": "string",
          },
        },
        "required": Array [
          "device",
          "secret",
        ],
        "type": "object",
      },
      "ProvisionedDeviceInput": Object {
        "properties": Object {
          "device": Object {
            "$ref": "#/components/schemas/DeviceInput",
          },
          "secret": Object {
            "description": "shown once; store it in the device",
            "type": "string",
          },
        },
        "required": Array [
          "device",
          "secret",
        ],
        "type": "object",
      },
      "RateTable": Object {
        "additionalProperties": false,
        "properties": Object {
          "dailyCapPoints": Object {
            "maximum": 10000000,
            "minimum": 0,
            "type": "integer",
          },
          "maxGramsPerLine": Object {
            "maximum": 1000000,
            "minimum": 1,
            "type": "integer",
          },
          "maxItemsPerLine": Object {
            "default": 100,
            "maximum": 1000,
            "minimum": 1,
            "type": "integer",
          },
          "maxPointsPerDeposit": Object {
            "default": 5000,
            "maximum": 10000000,
            "minimum": 1,
            "type": "integer",
          },
          "rates": Object {
            "additionalProperties": Object {
              "oneOf": Array [
                Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "mode": Object {
                      "enum": Array [
                        "per_kg",
                      ],
                      "type": "string",
                    },
                    "pointsPerKg": Object {
                      "maximum": 10000,
                      "minimum": 0,
                      "type": "integer",
                    },
                  },
                  "required": Array [
                    "mode",
                    "pointsPerKg",
                  ],
                  "type": "object",
                },
                Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "mode": Object {
                      "enum": Array [
                        "per_item",
                      ],
                      "type": "string",
                    },
                    "pointsPerItem": Object {
                      "maximum": 10000,
                      "minimum": 0,
                      "type": "integer",
                    },
                  },
                  "required": Array [
                    "mode",
                    "pointsPerItem",
                  ],
                  "type": "object",
                },
                Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "mode": Object {
                      "enum": Array [
                        "none",
                      ],
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "mode",
                  ],
                  "type": "object",
                },
              ],
            },
            "type": "object",
          },
        },
        "required": Array [
          "rates",
          "dailyCapPoints",
          "maxGramsPerLine",
          "maxItemsPerLine",
          "maxPointsPerDeposit",
        ],
        "type": "object",
      },
      "RateTableInput": Object {
        "properties": Object {
          "dailyCapPoints": Object {
            "maximum": 10000000,
            "minimum": 0,
            "type": "integer",
          },
          "maxGramsPerLine": Object {
            "maximum": 1000000,
            "minimum": 1,
            "type": "integer",
          },
          "maxItemsPerLine": Object {
            "default": 100,
            "maximum": 1000,
            "minimum": 1,
            "type": "integer",
          },
          "maxPointsPerDeposit": Object {
            "default": 5000,
            "maximum": 10000000,
            "minimum": 1,
            "type": "integer",
          },
          "rates": Object {
            "additionalProperties": Object {
              "oneOf": Array [
                Object {
                  "properties": Object {
                    "mode": Object {
                      "enum": Array [
                        "per_kg",
                      ],
                      "type": "string",
                    },
                    "pointsPerKg": Object {
                      "maximum": 10000,
                      "minimum": 0,
                      "type": "integer",
                    },
                  },
                  "required": Array [
                    "mode",
                    "pointsPerKg",
                  ],
                  "type": "object",
                },
                Object {
                  "properties": Object {
                    "mode": Object {
                      "enum": Array [
                        "per_item",
                      ],
                      "type": "string",
                    },
                    "pointsPerItem": Object {
                      "maximum": 10000,
                      "minimum": 0,
                      "type": "integer",
                    },
                  },
                  "required": Array [
                    "mode",
                    "pointsPerItem",
                  ],
                  "type": "object",
                },
                Object {
                  "properties": Object {
                    "mode": Object {
                      "enum": Array [
                        "none",
                      ],
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "mode",
                  ],
                  "type": "object",
                },
              ],
            },
            "type": "object",
          },
        },
        "required": Array [
          "rates",
          "dailyCapPoints",
          "maxGramsPerLine",
        ],
        "type": "object",
      },
      "Redemption": Object {
        "additionalProperties": false,
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "entryId": Object {
            "type": "string",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "itemId": Object {
            "nullable": true,
            "type": "string",
          },
          "kind": Object {
            "enum": Array [
              "cash",
              "item",
            ],
            "type": "string",
          },
          "points": Object {
            "description": "points taken (positive)",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "quantity": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "reversedEntryId": Object {
            "nullable": true,
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
          "staffId": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "householdId",
          "siteId",
          "kind",
          "itemId",
          "quantity",
          "points",
          "entryId",
          "staffId",
          "createdAtMs",
          "reversedEntryId",
        ],
        "type": "object",
      },
      "RedemptionInput": Object {
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "entryId": Object {
            "type": "string",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "itemId": Object {
            "nullable": true,
            "type": "string",
          },
          "kind": Object {
            "enum": Array [
              "cash",
              "item",
            ],
            "type": "string",
          },
          "points": Object {
            "description": "points taken (positive)",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "quantity": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "reversedEntryId": Object {
            "nullable": true,
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
          "staffId": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "householdId",
          "siteId",
          "kind",
          "itemId",
          "quantity",
          "points",
          "entryId",
          "staffId",
          "createdAtMs",
          "reversedEntryId",
        ],
        "type": "object",
      },
      "RedemptionRequest": Object {
        "oneOf": Array [
          Object {
            "additionalProperties": false,
            "properties": Object {
              "cardUid": Object {
                "maxLength": 64,
                "minLength": 4,
                "pattern": "^[A-Za-z0-9_-]+$",
                "type": "string",
              },
              "householdId": Object {
                "maxLength": 64,
                "minLength": 1,
                "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                "type": "string",
              },
              "kind": Object {
                "enum": Array [
                  "cash",
                ],
                "type": "string",
              },
              "points": Object {
                "description": "points paid out; 1 point = 1 fen",
                "maximum": 1000000000,
                "minimum": 1,
                "type": "integer",
              },
            },
            "required": Array [
              "kind",
              "points",
            ],
            "type": "object",
          },
          Object {
            "additionalProperties": false,
            "properties": Object {
              "cardUid": Object {
                "maxLength": 64,
                "minLength": 4,
                "pattern": "^[A-Za-z0-9_-]+$",
                "type": "string",
              },
              "householdId": Object {
                "maxLength": 64,
                "minLength": 1,
                "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                "type": "string",
              },
              "itemId": Object {
                "maxLength": 64,
                "minLength": 1,
                "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                "type": "string",
              },
              "kind": Object {
                "enum": Array [
                  "item",
                ],
                "type": "string",
              },
              "quantity": Object {
                "default": 1,
                "maximum": 1000,
                "minimum": 1,
                "type": "integer",
              },
            },
            "required": Array [
              "kind",
              "itemId",
              "quantity",
            ],
            "type": "object",
          },
        ],
      },
      "RedemptionRequestInput": Object {
        "oneOf": Array [
          Object {
            "additionalProperties": false,
            "properties": Object {
              "cardUid": Object {
                "maxLength": 64,
                "minLength": 4,
                "pattern": "^[A-Za-z0-9_-]+$",
                "type": "string",
              },
              "householdId": Object {
                "maxLength": 64,
                "minLength": 1,
                "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                "type": "string",
              },
              "kind": Object {
                "enum": Array [
                  "cash",
                ],
                "type": "string",
              },
              "points": Object {
                "description": "points paid out; 1 point = 1 fen",
                "maximum": 1000000000,
                "minimum": 1,
                "type": "integer",
              },
            },
            "required": Array [
              "kind",
              "points",
            ],
            "type": "object",
          },
          Object {
            "additionalProperties": false,
            "properties": Object {
              "cardUid": Object {
                "maxLength": 64,
                "minLength": 4,
                "pattern": "^[A-Za-z0-9_-]+$",
                "type": "string",
              },
              "householdId": Object {
                "maxLength": 64,
                "minLength": 1,
                "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                "type": "string",
              },
              "itemId": Object {
                "maxLength": 64,
                "minLength": 1,
                "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                "type": "string",
              },
              "kind": Object {
                "enum": Array [
                  "item",
                ],
                "type": "string",
              },
              "quantity": Object {
                "default": 1,
                "maximum": 1000,
                "minimum": 1,
                "type": "integer",
              },
            },
            "required": Array [
              "kind",
              "itemId",
            ],
            "type": "object",
          },
        ],
      },
      "RedemptionResult": Object {
        "additionalProperties": false,
        "properties": Object {
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "entry": Object {
            "$ref": "#/components/schemas/LedgerEntry",
          },
          "receipt": Object {
            "type": "string",
          },
          "redemption": Object {
            "$ref": "#/components/schemas/Redemption",
          },
        },
        "required": Array [
          "redemption",
          "entry",
          "balancePoints",
          "receipt",
        ],
        "type": "object",
      },
      "RedemptionResultInput": Object {
        "properties": Object {
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "entry": Object {
            "$ref": "#/components/schemas/LedgerEntryInput",
          },
          "receipt": Object {
            "type": "string",
          },
          "redemption": Object {
            "$ref": "#/components/schemas/RedemptionInput",
          },
        },
        "required": Array [
          "redemption",
          "entry",
          "balancePoints",
          "receipt",
        ],
        "type": "object",
      },
      "Resident": Object {
        "additionalProperties": false,
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "deactivatedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "deactivatedBy": Object {
            "nullable": true,
            "type": "string",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "invitedBy": Object {
            "type": "string",
          },
          "name": Object {
            "nullable": true,
            "type": "string",
          },
          "phone": Object {
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "householdId",
          "siteId",
          "phone",
          "name",
          "active",
          "invitedBy",
          "createdAtMs",
          "deactivatedAtMs",
          "deactivatedBy",
        ],
        "type": "object",
      },
      "ResidentActivation": Object {
        "additionalProperties": false,
        "properties": Object {
          "code": Object {
            "description": "as printed (XXXX-XXXX); case, spaces and hyphens do not matter",
            "maxLength": 32,
            "minLength": 1,
            "type": "string",
          },
          "password": Object {
            "maxLength": 200,
            "minLength": 10,
            "type": "string",
          },
          "phone": Object {
            "description": "the resident's mobile number as they type it at sign-in",
            "pattern": "^\\\\+?[0-9]{6,20}$",
            "type": "string",
          },
        },
        "required": Array [
          "phone",
          "code",
          "password",
        ],
        "type": "object",
      },
      "ResidentActivationInput": Object {
        "additionalProperties": false,
        "properties": Object {
          "code": Object {
            "description": "as printed (XXXX-XXXX); case, spaces and hyphens do not matter",
            "maxLength": 32,
            "minLength": 1,
            "type": "string",
          },
          "password": Object {
            "maxLength": 200,
            "minLength": 10,
            "type": "string",
          },
          "phone": Object {
            "description": "the resident's mobile number as they type it at sign-in",
            "pattern": "^\\\\+?[0-9]{6,20}$",
            "type": "string",
          },
        },
        "required": Array [
          "phone",
          "code",
          "password",
        ],
        "type": "object",
      },
      "ResidentInput": Object {
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "deactivatedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "deactivatedBy": Object {
            "nullable": true,
            "type": "string",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "invitedBy": Object {
            "type": "string",
          },
          "name": Object {
            "nullable": true,
            "type": "string",
          },
          "phone": Object {
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "householdId",
          "siteId",
          "phone",
          "name",
          "active",
          "invitedBy",
          "createdAtMs",
          "deactivatedAtMs",
          "deactivatedBy",
        ],
        "type": "object",
      },
      "ResidentInvitation": Object {
        "additionalProperties": false,
        "properties": Object {
          "code": Object {
            "description": "the one-time activation code (shown once, stored hashed): hand it over at the counter",
            "type": "string",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "createdBy": Object {
            "type": "string",
          },
          "expiresAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "name": Object {
            "nullable": true,
            "type": "string",
          },
          "phone": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "householdId",
          "phone",
          "name",
          "code",
          "expiresAtMs",
          "createdBy",
          "createdAtMs",
        ],
        "type": "object",
      },
      "ResidentInvitationInput": Object {
        "properties": Object {
          "code": Object {
            "description": "the one-time activation code (shown once, stored hashed): hand it over at the counter",
            "type": "string",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "createdBy": Object {
            "type": "string",
          },
          "expiresAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "name": Object {
            "nullable": true,
            "type": "string",
          },
          "phone": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "householdId",
          "phone",
          "name",
          "code",
          "expiresAtMs",
          "createdBy",
          "createdAtMs",
        ],
        "type": "object",
      },
      "ResidentInvitationRequest": Object {
        "additionalProperties": false,
        "properties": Object {
          "name": Object {
            "description": "how the counter knows the resident",
            "maxLength": 100,
            "minLength": 1,
            "type": "string",
          },
          "phone": Object {
            "description": "the resident's mobile number as they type it at sign-in",
            "pattern": "^\\\\+?[0-9]{6,20}$",
            "type": "string",
          },
        },
        "required": Array [
          "phone",
        ],
        "type": "object",
      },
      "ResidentInvitationRequestInput": Object {
        "additionalProperties": false,
        "properties": Object {
          "name": Object {
            "description": "how the counter knows the resident",
            "maxLength": 100,
            "minLength": 1,
            "type": "string",
          },
          "phone": Object {
            "description": "the resident's mobile number as they type it at sign-in",
            "pattern": "^\\\\+?[0-9]{6,20}$",
            "type": "string",
          },
        },
        "required": Array [
          "phone",
        ],
        "type": "object",
      },
      "ResidentMe": Object {
        "additionalProperties": false,
        "properties": Object {
          "household": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/Household",
              },
            ],
            "description": "balancePoints, heldPoints (for charging) and availablePoints",
          },
          "passLimits": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/ResidentPassLimits",
              },
            ],
            "description": "what this household's visitor passes may be",
          },
          "resident": Object {
            "$ref": "#/components/schemas/Resident",
          },
          "site": Object {
            "additionalProperties": false,
            "properties": Object {
              "id": Object {
                "type": "string",
              },
              "name": Object {
                "type": "string",
              },
            },
            "required": Array [
              "id",
              "name",
            ],
            "type": "object",
          },
        },
        "required": Array [
          "resident",
          "household",
          "site",
          "passLimits",
        ],
        "type": "object",
      },
      "ResidentMeInput": Object {
        "properties": Object {
          "household": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/HouseholdInput",
              },
            ],
            "description": "balancePoints, heldPoints (for charging) and availablePoints",
          },
          "passLimits": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/ResidentPassLimitsInput",
              },
            ],
            "description": "what this household's visitor passes may be",
          },
          "resident": Object {
            "$ref": "#/components/schemas/ResidentInput",
          },
          "site": Object {
            "properties": Object {
              "id": Object {
                "type": "string",
              },
              "name": Object {
                "type": "string",
              },
            },
            "required": Array [
              "id",
              "name",
            ],
            "type": "object",
          },
        },
        "required": Array [
          "resident",
          "household",
          "site",
          "passLimits",
        ],
        "type": "object",
      },
      "ResidentPassLimits": Object {
        "additionalProperties": false,
        "properties": Object {
          "gates": Object {
            "description": "gates of the site residents may include; null: every gate of the site",
            "items": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
            "maxItems": 64,
            "minItems": 1,
            "nullable": true,
            "type": "array",
          },
          "maxActivePasses": Object {
            "description": "passes of one household usable at once (not revoked, not ended, uses left)",
            "maximum": 100,
            "minimum": 1,
            "type": "integer",
          },
          "maxUses": Object {
            "description": "most uses of one pass",
            "maximum": 1000,
            "minimum": 1,
            "type": "integer",
          },
          "maxWindowMs": Object {
            "description": "longest validity window of one pass",
            "maximum": 2678400000,
            "minimum": 60000,
            "type": "integer",
          },
        },
        "required": Array [
          "maxActivePasses",
          "maxWindowMs",
          "maxUses",
          "gates",
        ],
        "type": "object",
      },
      "ResidentPassLimitsInput": Object {
        "properties": Object {
          "gates": Object {
            "description": "gates of the site residents may include; null: every gate of the site",
            "items": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
            "maxItems": 64,
            "minItems": 1,
            "nullable": true,
            "type": "array",
          },
          "maxActivePasses": Object {
            "description": "passes of one household usable at once (not revoked, not ended, uses left)",
            "maximum": 100,
            "minimum": 1,
            "type": "integer",
          },
          "maxUses": Object {
            "description": "most uses of one pass",
            "maximum": 1000,
            "minimum": 1,
            "type": "integer",
          },
          "maxWindowMs": Object {
            "description": "longest validity window of one pass",
            "maximum": 2678400000,
            "minimum": 60000,
            "type": "integer",
          },
        },
        "required": Array [
          "maxActivePasses",
          "maxWindowMs",
          "maxUses",
          "gates",
        ],
        "type": "object",
      },
      "ResidentPassLimitsView": Object {
        "additionalProperties": false,
        "properties": Object {
          "gates": Object {
            "description": "gates of the site residents may include; null: every gate of the site",
            "items": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
            "maxItems": 64,
            "minItems": 1,
            "nullable": true,
            "type": "array",
          },
          "maxActivePasses": Object {
            "description": "passes of one household usable at once (not revoked, not ended, uses left)",
            "maximum": 100,
            "minimum": 1,
            "type": "integer",
          },
          "maxUses": Object {
            "description": "most uses of one pass",
            "maximum": 1000,
            "minimum": 1,
            "type": "integer",
          },
          "maxWindowMs": Object {
            "description": "longest validity window of one pass",
            "maximum": 2678400000,
            "minimum": 60000,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "updatedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "updatedBy": Object {
            "description": "null: the defaults, never set",
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "maxActivePasses",
          "maxWindowMs",
          "maxUses",
          "gates",
          "siteId",
          "updatedBy",
          "updatedAtMs",
        ],
        "type": "object",
      },
      "ResidentPassLimitsViewInput": Object {
        "properties": Object {
          "gates": Object {
            "description": "gates of the site residents may include; null: every gate of the site",
            "items": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
            "maxItems": 64,
            "minItems": 1,
            "nullable": true,
            "type": "array",
          },
          "maxActivePasses": Object {
            "description": "passes of one household usable at once (not revoked, not ended, uses left)",
            "maximum": 100,
            "minimum": 1,
            "type": "integer",
          },
          "maxUses": Object {
            "description": "most uses of one pass",
            "maximum": 1000,
            "minimum": 1,
            "type": "integer",
          },
          "maxWindowMs": Object {
            "description": "longest validity window of one pass",
            "maximum": 2678400000,
            "minimum": 60000,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "updatedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "updatedBy": Object {
            "description": "null: the defaults, never set",
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "maxActivePasses",
          "maxWindowMs",
          "maxUses",
          "gates",
          "siteId",
          "updatedBy",
          "updatedAtMs",
        ],
        "type": "object",
      },
      "ResidentScanToCharge": Object {
        "additionalProperties": false,
        "properties": Object {
          "deviceId": Object {
            "description": "the pile, as printed on its QR code",
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "holdPoints": Object {
            "description": "points to hold; default the tariff's, at most its maximum",
            "maximum": 1000000,
            "minimum": 1,
            "type": "integer",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
        },
        "required": Array [
          "deviceId",
          "port",
        ],
        "type": "object",
      },
      "ResidentScanToChargeInput": Object {
        "additionalProperties": false,
        "properties": Object {
          "deviceId": Object {
            "description": "the pile, as printed on its QR code",
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "holdPoints": Object {
            "description": "points to hold; default the tariff's, at most its maximum",
            "maximum": 1000000,
            "minimum": 1,
            "type": "integer",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
        },
        "required": Array [
          "deviceId",
          "port",
        ],
        "type": "object",
      },
      "ResidentSignIn": Object {
        "additionalProperties": false,
        "properties": Object {
          "password": Object {
            "maxLength": 200,
            "minLength": 1,
            "type": "string",
          },
          "phone": Object {
            "description": "the resident's mobile number as they type it at sign-in",
            "pattern": "^\\\\+?[0-9]{6,20}$",
            "type": "string",
          },
        },
        "required": Array [
          "phone",
          "password",
        ],
        "type": "object",
      },
      "ResidentSignInInput": Object {
        "additionalProperties": false,
        "properties": Object {
          "password": Object {
            "maxLength": 200,
            "minLength": 1,
            "type": "string",
          },
          "phone": Object {
            "description": "the resident's mobile number as they type it at sign-in",
            "pattern": "^\\\\+?[0-9]{6,20}$",
            "type": "string",
          },
        },
        "required": Array [
          "phone",
          "password",
        ],
        "type": "object",
      },
      "ResidentToken": Object {
        "additionalProperties": false,
        "properties": Object {
          "expiresAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "resident": Object {
            "$ref": "#/components/schemas/Resident",
          },
          "token": Object {
            "description": "send as Authorization: Bearer <token> on /api/resident/… routes; shown once",
            "type": "string",
          },
        },
        "required": Array [
          "token",
          "expiresAtMs",
          "resident",
        ],
        "type": "object",
      },
      "ResidentTokenInput": Object {
        "properties": Object {
          "expiresAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "resident": Object {
            "$ref": "#/components/schemas/ResidentInput",
          },
          "token": Object {
            "description": "send as Authorization: Bearer <token> on /api/resident/… routes; shown once",
            "type": "string",
          },
        },
        "required": Array [
          "token",
          "expiresAtMs",
          "resident",
        ],
        "type": "object",
      },
      "ReversalResult": Object {
        "additionalProperties": false,
        "properties": Object {
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "entry": Object {
            "$ref": "#/components/schemas/LedgerEntry",
          },
          "restoredStock": Object {
            "description": "items put back on the shelf (0 unless an item redemption)",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
        },
        "required": Array [
          "entry",
          "balancePoints",
          "restoredStock",
        ],
        "type": "object",
      },
      "ReversalResultInput": Object {
        "properties": Object {
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "entry": Object {
            "$ref": "#/components/schemas/LedgerEntryInput",
          },
          "restoredStock": Object {
            "description": "items put back on the shelf (0 unless an item redemption)",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
        },
        "required": Array [
          "entry",
          "balancePoints",
          "restoredStock",
        ],
        "type": "object",
      },
      "ReverseEntry": Object {
        "additionalProperties": false,
        "properties": Object {
          "reason": Object {
            "maxLength": 500,
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "reason",
        ],
        "type": "object",
      },
      "ReverseEntryInput": Object {
        "properties": Object {
          "reason": Object {
            "maxLength": 500,
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "reason",
        ],
        "type": "object",
      },
      "ReviewDecision": Object {
        "additionalProperties": false,
        "properties": Object {
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "entry": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/LedgerEntry",
              },
            ],
            "nullable": true,
          },
          "pointsCredited": Object {
            "description": "points actually credited after the daily cap",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "reviewItem": Object {
            "$ref": "#/components/schemas/ReviewItem",
          },
        },
        "required": Array [
          "reviewItem",
          "entry",
          "pointsCredited",
          "balancePoints",
        ],
        "type": "object",
      },
      "ReviewDecisionInput": Object {
        "properties": Object {
          "balancePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "entry": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/LedgerEntryInput",
              },
            ],
            "nullable": true,
          },
          "pointsCredited": Object {
            "description": "points actually credited after the daily cap",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "reviewItem": Object {
            "$ref": "#/components/schemas/ReviewItemInput",
          },
        },
        "required": Array [
          "reviewItem",
          "entry",
          "pointsCredited",
          "balancePoints",
        ],
        "type": "object",
      },
      "ReviewItem": Object {
        "additionalProperties": false,
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "decidedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "decidedBy": Object {
            "nullable": true,
            "type": "string",
          },
          "depositId": Object {
            "type": "string",
          },
          "entryId": Object {
            "nullable": true,
            "type": "string",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "pointsComputed": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "reasons": Object {
            "description": "why the deposit looked implausible (JSON)",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "pending",
              "approved",
              "rejected",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "depositId",
          "householdId",
          "siteId",
          "reasons",
          "pointsComputed",
          "status",
          "decidedBy",
          "decidedAtMs",
          "entryId",
          "createdAtMs",
        ],
        "type": "object",
      },
      "ReviewItemInput": Object {
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "decidedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "decidedBy": Object {
            "nullable": true,
            "type": "string",
          },
          "depositId": Object {
            "type": "string",
          },
          "entryId": Object {
            "nullable": true,
            "type": "string",
          },
          "householdId": Object {
            "type": "string",
          },
          "id": Object {
            "type": "string",
          },
          "pointsComputed": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "reasons": Object {
            "description": "why the deposit looked implausible (JSON)",
          },
          "siteId": Object {
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "pending",
              "approved",
              "rejected",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "depositId",
          "householdId",
          "siteId",
          "reasons",
          "pointsComputed",
          "status",
          "decidedBy",
          "decidedAtMs",
          "entryId",
          "createdAtMs",
        ],
        "type": "object",
      },
      "RotatedSecret": Object {
        "additionalProperties": false,
        "properties": Object {
          "device": Object {
            "$ref": "#/components/schemas/Device",
          },
          "secret": Object {
            "description": "the new secret, shown once; the old one no longer works",
            "type": "string",
          },
        },
        "required": Array [
          "device",
          "secret",
        ],
        "type": "object",
      },
      "RotatedSecretInput": Object {
        "properties": Object {
          "device": Object {
            "$ref": "#/components/schemas/DeviceInput",
          },
          "secret": Object {
            "description": "the new secret, shown once; the old one no longer works",
            "type": "string",
          },
        },
        "required": Array [
          "device",
          "secret",
        ],
        "type": "object",
      },
      "ScanToCharge": Object {
        "additionalProperties": false,
        "properties": Object {
          "cardUid": Object {
            "maxLength": 64,
            "minLength": 4,
            "pattern": "^[A-Za-z0-9_-]+$",
            "type": "string",
          },
          "deviceId": Object {
            "description": "the pile, as printed on its QR code",
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "holdPoints": Object {
            "description": "points to hold; default the tariff's, at most its maximum",
            "maximum": 1000000,
            "minimum": 1,
            "type": "integer",
          },
          "householdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
        },
        "required": Array [
          "deviceId",
          "port",
        ],
        "type": "object",
      },
      "ScanToChargeInput": Object {
        "additionalProperties": false,
        "properties": Object {
          "cardUid": Object {
            "maxLength": 64,
            "minLength": 4,
            "pattern": "^[A-Za-z0-9_-]+$",
            "type": "string",
          },
          "deviceId": Object {
            "description": "the pile, as printed on its QR code",
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "holdPoints": Object {
            "description": "points to hold; default the tariff's, at most its maximum",
            "maximum": 1000000,
            "minimum": 1,
            "type": "integer",
          },
          "householdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
        },
        "required": Array [
          "deviceId",
          "port",
        ],
        "type": "object",
      },
      "ScanToChargeResult": Object {
        "additionalProperties": false,
        "properties": Object {
          "cmdId": Object {
            "type": "string",
          },
          "delivered": Object {
            "description": "false: the pile is offline; the start is sent when it reconnects, or the hold is released after the start timeout",
            "type": "boolean",
          },
          "session": Object {
            "$ref": "#/components/schemas/ChargingSession",
          },
        },
        "required": Array [
          "session",
          "cmdId",
          "delivered",
        ],
        "type": "object",
      },
      "ScanToChargeResultInput": Object {
        "properties": Object {
          "cmdId": Object {
            "type": "string",
          },
          "delivered": Object {
            "description": "false: the pile is offline; the start is sent when it reconnects, or the hold is released after the start timeout",
            "type": "boolean",
          },
          "session": Object {
            "$ref": "#/components/schemas/ChargingSessionInput",
          },
        },
        "required": Array [
          "session",
          "cmdId",
          "delivered",
        ],
        "type": "object",
      },
      "SetChargingTariff": Object {
        "additionalProperties": false,
        "properties": Object {
          "holdDefaultPoints": Object {
            "maximum": 1000000,
            "minimum": 1,
            "type": "integer",
          },
          "holdMaxPoints": Object {
            "maximum": 1000000,
            "minimum": 1,
            "type": "integer",
          },
          "limits": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/ChargingLimits",
              },
            ],
            "default": Object {
              "fullAfterMinutes": 10,
              "fullBelowW": 30,
              "maxDurationMinutes": 720,
              "maxPilePowerW": 6000,
              "maxPortPowerW": 600,
              "maxTemperatureC": 70,
              "silenceTimeoutMinutes": 30,
            },
          },
          "tariff": Object {
            "additionalProperties": false,
            "properties": Object {
              "freeSessionSeconds": Object {
                "default": 0,
                "maximum": 3600,
                "minimum": 0,
                "type": "integer",
              },
              "idleFee": Object {
                "additionalProperties": false,
                "properties": Object {
                  "belowW": Object {
                    "maximum": 400000,
                    "minimum": 1,
                    "type": "integer",
                  },
                  "graceMinutes": Object {
                    "maximum": 1440,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "pointsPerHour": Object {
                    "maximum": 100000,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "pointsPerHour",
                  "belowW",
                  "graceMinutes",
                ],
                "type": "object",
              },
              "maxCostPoints": Object {
                "maximum": 1000000,
                "minimum": 0,
                "type": "integer",
              },
              "minCostPoints": Object {
                "default": 0,
                "maximum": 1000000,
                "minimum": 0,
                "type": "integer",
              },
              "name": Object {
                "maxLength": 100,
                "pattern": "^[^\\\\u0000]*$",
                "type": "string",
              },
              "pricing": Object {
                "oneOf": Array [
                  Object {
                    "additionalProperties": false,
                    "properties": Object {
                      "billingUnit": Object {
                        "enum": Array [
                          "minute",
                          "half_hour",
                        ],
                        "type": "string",
                      },
                      "kind": Object {
                        "enum": Array [
                          "per_hour",
                        ],
                        "type": "string",
                      },
                      "pointsPerHour": Object {
                        "maximum": 100000,
                        "minimum": 0,
                        "type": "integer",
                      },
                    },
                    "required": Array [
                      "kind",
                      "pointsPerHour",
                      "billingUnit",
                    ],
                    "type": "object",
                  },
                  Object {
                    "additionalProperties": false,
                    "properties": Object {
                      "kind": Object {
                        "enum": Array [
                          "per_kwh",
                        ],
                        "type": "string",
                      },
                      "pointsPerKwh": Object {
                        "maximum": 100000,
                        "minimum": 0,
                        "type": "integer",
                      },
                    },
                    "required": Array [
                      "kind",
                      "pointsPerKwh",
                    ],
                    "type": "object",
                  },
                  Object {
                    "additionalProperties": false,
                    "properties": Object {
                      "billingUnit": Object {
                        "enum": Array [
                          "minute",
                          "half_hour",
                        ],
                        "type": "string",
                      },
                      "kind": Object {
                        "enum": Array [
                          "power_tier",
                        ],
                        "type": "string",
                      },
                      "tiers": Object {
                        "items": Object {
                          "additionalProperties": false,
                          "properties": Object {
                            "pointsPerHour": Object {
                              "maximum": 100000,
                              "minimum": 0,
                              "type": "integer",
                            },
                            "upToW": Object {
                              "maximum": 400000,
                              "minimum": 1,
                              "type": "integer",
                            },
                          },
                          "required": Array [
                            "upToW",
                            "pointsPerHour",
                          ],
                          "type": "object",
                        },
                        "maxItems": 8,
                        "minItems": 1,
                        "type": "array",
                      },
                    },
                    "required": Array [
                      "kind",
                      "billingUnit",
                      "tiers",
                    ],
                    "type": "object",
                  },
                  Object {
                    "additionalProperties": false,
                    "properties": Object {
                      "kind": Object {
                        "enum": Array [
                          "free",
                        ],
                        "type": "string",
                      },
                    },
                    "required": Array [
                      "kind",
                    ],
                    "type": "object",
                  },
                ],
              },
              "startFeePoints": Object {
                "default": 0,
                "maximum": 1000000,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": Array [
              "pricing",
              "startFeePoints",
              "freeSessionSeconds",
              "minCostPoints",
            ],
            "type": "object",
          },
        },
        "required": Array [
          "tariff",
          "limits",
          "holdDefaultPoints",
          "holdMaxPoints",
        ],
        "type": "object",
      },
      "SetChargingTariffInput": Object {
        "additionalProperties": false,
        "properties": Object {
          "holdDefaultPoints": Object {
            "maximum": 1000000,
            "minimum": 1,
            "type": "integer",
          },
          "holdMaxPoints": Object {
            "maximum": 1000000,
            "minimum": 1,
            "type": "integer",
          },
          "limits": Object {
            "allOf": Array [
              Object {
                "$ref": "#/components/schemas/ChargingLimitsInput",
              },
            ],
            "default": Object {
              "fullAfterMinutes": 10,
              "fullBelowW": 30,
              "maxDurationMinutes": 720,
              "maxPilePowerW": 6000,
              "maxPortPowerW": 600,
              "maxTemperatureC": 70,
              "silenceTimeoutMinutes": 30,
            },
          },
          "tariff": Object {
            "properties": Object {
              "freeSessionSeconds": Object {
                "default": 0,
                "maximum": 3600,
                "minimum": 0,
                "type": "integer",
              },
              "idleFee": Object {
                "properties": Object {
                  "belowW": Object {
                    "maximum": 400000,
                    "minimum": 1,
                    "type": "integer",
                  },
                  "graceMinutes": Object {
                    "maximum": 1440,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "pointsPerHour": Object {
                    "maximum": 100000,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "pointsPerHour",
                  "belowW",
                  "graceMinutes",
                ],
                "type": "object",
              },
              "maxCostPoints": Object {
                "maximum": 1000000,
                "minimum": 0,
                "type": "integer",
              },
              "minCostPoints": Object {
                "default": 0,
                "maximum": 1000000,
                "minimum": 0,
                "type": "integer",
              },
              "name": Object {
                "maxLength": 100,
                "pattern": "^[^\\\\u0000]*$",
                "type": "string",
              },
              "pricing": Object {
                "oneOf": Array [
                  Object {
                    "properties": Object {
                      "billingUnit": Object {
                        "enum": Array [
                          "minute",
                          "half_hour",
                        ],
                        "type": "string",
                      },
                      "kind": Object {
                        "enum": Array [
                          "per_hour",
                        ],
                        "type": "string",
                      },
                      "pointsPerHour": Object {
                        "maximum": 100000,
                        "minimum": 0,
                        "type": "integer",
                      },
                    },
                    "required": Array [
                      "kind",
                      "pointsPerHour",
                      "billingUnit",
                    ],
                    "type": "object",
                  },
                  Object {
                    "properties": Object {
                      "kind": Object {
                        "enum": Array [
                          "per_kwh",
                        ],
                        "type": "string",
                      },
                      "pointsPerKwh": Object {
                        "maximum": 100000,
                        "minimum": 0,
                        "type": "integer",
                      },
                    },
                    "required": Array [
                      "kind",
                      "pointsPerKwh",
                    ],
                    "type": "object",
                  },
                  Object {
                    "properties": Object {
                      "billingUnit": Object {
                        "enum": Array [
                          "minute",
                          "half_hour",
                        ],
                        "type": "string",
                      },
                      "kind": Object {
                        "enum": Array [
                          "power_tier",
                        ],
                        "type": "string",
                      },
                      "tiers": Object {
                        "items": Object {
                          "properties": Object {
                            "pointsPerHour": Object {
                              "maximum": 100000,
                              "minimum": 0,
                              "type": "integer",
                            },
                            "upToW": Object {
                              "maximum": 400000,
                              "minimum": 1,
                              "type": "integer",
                            },
                          },
                          "required": Array [
                            "upToW",
                            "pointsPerHour",
                          ],
                          "type": "object",
                        },
                        "maxItems": 8,
                        "minItems": 1,
                        "type": "array",
                      },
                    },
                    "required": Array [
                      "kind",
                      "billingUnit",
                      "tiers",
                    ],
                    "type": "object",
                  },
                  Object {
                    "properties": Object {
                      "kind": Object {
                        "enum": Array [
                          "free",
                        ],
                        "type": "string",
                      },
                    },
                    "required": Array [
                      "kind",
                    ],
                    "type": "object",
                  },
                ],
              },
              "startFeePoints": Object {
                "default": 0,
                "maximum": 1000000,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": Array [
              "pricing",
            ],
            "type": "object",
          },
        },
        "required": Array [
          "tariff",
          "holdDefaultPoints",
          "holdMaxPoints",
        ],
        "type": "object",
      },
      "SetPassword": Object {
        "additionalProperties": false,
        "properties": Object {
          "password": Object {
            "maxLength": 200,
            "minLength": 10,
            "type": "string",
          },
        },
        "required": Array [
          "password",
        ],
        "type": "object",
      },
      "SetPasswordInput": Object {
        "properties": Object {
          "password": Object {
            "maxLength": 200,
            "minLength": 10,
            "type": "string",
          },
        },
        "required": Array [
          "password",
        ],
        "type": "object",
      },
      "SettingsChange": Object {
        "additionalProperties": false,
        "properties": Object {
          "atMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "bodySummary": Object {
            "description": "short summary of what was set (the audit log's body summary)",
          },
          "id": Object {
            "description": "the audit entry's id",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "params": Object {
            "additionalProperties": Object {},
            "description": "the route params: siteId, deviceId or scheduleId",
            "type": "object",
          },
          "setting": Object {
            "enum": Array [
              "rates",
              "site-tariff",
              "pile-tariff",
              "access-schedule",
              "holidays",
            ],
            "type": "string",
          },
          "staffId": Object {
            "type": "string",
          },
          "staffName": Object {
            "description": "the staff member's name as it is now (null: no such staff)",
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "atMs",
          "staffId",
          "staffName",
          "setting",
          "params",
          "bodySummary",
        ],
        "type": "object",
      },
      "SettingsChangeInput": Object {
        "properties": Object {
          "atMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "bodySummary": Object {
            "description": "short summary of what was set (the audit log's body summary)",
          },
          "id": Object {
            "description": "the audit entry's id",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "params": Object {
            "additionalProperties": Object {},
            "description": "the route params: siteId, deviceId or scheduleId",
            "type": "object",
          },
          "setting": Object {
            "enum": Array [
              "rates",
              "site-tariff",
              "pile-tariff",
              "access-schedule",
              "holidays",
            ],
            "type": "string",
          },
          "staffId": Object {
            "type": "string",
          },
          "staffName": Object {
            "description": "the staff member's name as it is now (null: no such staff)",
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "atMs",
          "staffId",
          "staffName",
          "setting",
          "params",
          "bodySummary",
        ],
        "type": "object",
      },
      "ShopItem": Object {
        "additionalProperties": false,
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "name": Object {
            "type": "string",
          },
          "pricePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "stock": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "name",
          "pricePoints",
          "stock",
          "active",
          "createdAtMs",
        ],
        "type": "object",
      },
      "ShopItemInput": Object {
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "name": Object {
            "type": "string",
          },
          "pricePoints": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "stock": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "name",
          "pricePoints",
          "stock",
          "active",
          "createdAtMs",
        ],
        "type": "object",
      },
      "SignIn": Object {
        "additionalProperties": false,
        "properties": Object {
          "password": Object {
            "maxLength": 200,
            "minLength": 1,
            "type": "string",
          },
          "username": Object {
            "maxLength": 64,
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "username",
          "password",
        ],
        "type": "object",
      },
      "SignInInput": Object {
        "properties": Object {
          "password": Object {
            "maxLength": 200,
            "minLength": 1,
            "type": "string",
          },
          "username": Object {
            "maxLength": 64,
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "username",
          "password",
        ],
        "type": "object",
      },
      "Site": Object {
        "additionalProperties": false,
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "name": Object {
            "type": "string",
          },
          "rateTable": Object {
            "$ref": "#/components/schemas/RateTable",
          },
          "timezone": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "name",
          "timezone",
          "rateTable",
          "createdAtMs",
        ],
        "type": "object",
      },
      "SiteInput": Object {
        "properties": Object {
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "name": Object {
            "type": "string",
          },
          "rateTable": Object {
            "$ref": "#/components/schemas/RateTableInput",
          },
          "timezone": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "name",
          "timezone",
          "rateTable",
          "createdAtMs",
        ],
        "type": "object",
      },
      "SiteOverview": Object {
        "additionalProperties": false,
        "properties": Object {
          "alarms": Object {
            "additionalProperties": false,
            "properties": Object {
              "bySeverity": Object {
                "additionalProperties": false,
                "properties": Object {
                  "critical": Object {
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "indeterminate": Object {
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "major": Object {
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "minor": Object {
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "warning": Object {
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "critical",
                  "major",
                  "minor",
                  "warning",
                  "indeterminate",
                ],
                "type": "object",
              },
              "open": Object {
                "description": "open alarms of the site (active, or cleared but not yet acknowledged), shelved ones included",
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "unacknowledged": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": Array [
              "open",
              "unacknowledged",
              "bySeverity",
            ],
            "type": "object",
          },
          "binFullThresholdPct": Object {
            "type": "number",
          },
          "binsNearlyFull": Object {
            "description": "bins at or above the threshold in the last status report of each active device",
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "category": Object {
                  "type": "string",
                },
                "deviceId": Object {
                  "type": "string",
                },
                "fillPct": Object {
                  "type": "number",
                },
              },
              "required": Array [
                "deviceId",
                "category",
                "fillPct",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "devices": Object {
            "additionalProperties": false,
            "description": "disabled devices are counted apart, not as offline",
            "properties": Object {
              "disabled": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "offline": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "online": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "total": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": Array [
              "total",
              "online",
              "offline",
              "disabled",
            ],
            "type": "object",
          },
          "localDay": Object {
            "description": "the site-local calendar day of the \\"today\\" figures, YYYY-MM-DD",
            "type": "string",
          },
          "pending": Object {
            "additionalProperties": false,
            "properties": Object {
              "adjustments": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "reviewItems": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": Array [
              "adjustments",
              "reviewItems",
            ],
            "type": "object",
          },
          "siteId": Object {
            "type": "string",
          },
          "today": Object {
            "additionalProperties": false,
            "properties": Object {
              "deposits": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "grams": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "pointsEarned": Object {
                "description": "points credited for deposits of this local day",
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "pointsRedeemed": Object {
                "description": "points paid out at the counter since local midnight (reversals not netted)",
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": Array [
              "deposits",
              "grams",
              "pointsEarned",
              "pointsRedeemed",
            ],
            "type": "object",
          },
        },
        "required": Array [
          "siteId",
          "localDay",
          "devices",
          "binsNearlyFull",
          "binFullThresholdPct",
          "today",
          "pending",
          "alarms",
        ],
        "type": "object",
      },
      "SiteOverviewInput": Object {
        "properties": Object {
          "alarms": Object {
            "properties": Object {
              "bySeverity": Object {
                "properties": Object {
                  "critical": Object {
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "indeterminate": Object {
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "major": Object {
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "minor": Object {
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "warning": Object {
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "critical",
                  "major",
                  "minor",
                  "warning",
                  "indeterminate",
                ],
                "type": "object",
              },
              "open": Object {
                "description": "open alarms of the site (active, or cleared but not yet acknowledged), shelved ones included",
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "unacknowledged": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": Array [
              "open",
              "unacknowledged",
              "bySeverity",
            ],
            "type": "object",
          },
          "binFullThresholdPct": Object {
            "type": "number",
          },
          "binsNearlyFull": Object {
            "description": "bins at or above the threshold in the last status report of each active device",
            "items": Object {
              "properties": Object {
                "category": Object {
                  "type": "string",
                },
                "deviceId": Object {
                  "type": "string",
                },
                "fillPct": Object {
                  "type": "number",
                },
              },
              "required": Array [
                "deviceId",
                "category",
                "fillPct",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "devices": Object {
            "description": "disabled devices are counted apart, not as offline",
            "properties": Object {
              "disabled": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "offline": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "online": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "total": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": Array [
              "total",
              "online",
              "offline",
              "disabled",
            ],
            "type": "object",
          },
          "localDay": Object {
            "description": "the site-local calendar day of the \\"today\\" figures, YYYY-MM-DD",
            "type": "string",
          },
          "pending": Object {
            "properties": Object {
              "adjustments": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "reviewItems": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": Array [
              "adjustments",
              "reviewItems",
            ],
            "type": "object",
          },
          "siteId": Object {
            "type": "string",
          },
          "today": Object {
            "properties": Object {
              "deposits": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "grams": Object {
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "pointsEarned": Object {
                "description": "points credited for deposits of this local day",
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
              "pointsRedeemed": Object {
                "description": "points paid out at the counter since local midnight (reversals not netted)",
                "maximum": 9007199254740991,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": Array [
              "deposits",
              "grams",
              "pointsEarned",
              "pointsRedeemed",
            ],
            "type": "object",
          },
        },
        "required": Array [
          "siteId",
          "localDay",
          "devices",
          "binsNearlyFull",
          "binFullThresholdPct",
          "today",
          "pending",
          "alarms",
        ],
        "type": "object",
      },
      "SiteReport": Object {
        "additionalProperties": false,
        "properties": Object {
          "charging": Object {
            "$ref": "#/components/schemas/ChargingFigures",
          },
          "deposits": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "depositsInReview": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "from": Object {
            "type": "string",
          },
          "gate": Object {
            "$ref": "#/components/schemas/GateTraffic",
          },
          "gramsByCategory": Object {
            "additionalProperties": Object {
              "maximum": 9007199254740991,
              "minimum": -9007199254740991,
              "type": "integer",
            },
            "type": "object",
          },
          "households": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "liabilityYuan": Object {
            "type": "string",
          },
          "participatingHouseholds": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "participationRate": Object {
            "type": "number",
          },
          "points": Object {
            "additionalProperties": false,
            "properties": Object {
              "corrections": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
              "issued": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
              "outstanding": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
              "redeemed": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
            },
            "required": Array [
              "issued",
              "redeemed",
              "corrections",
              "outstanding",
            ],
            "type": "object",
          },
          "siteId": Object {
            "type": "string",
          },
          "siteName": Object {
            "type": "string",
          },
          "to": Object {
            "type": "string",
          },
        },
        "required": Array [
          "siteId",
          "siteName",
          "from",
          "to",
          "households",
          "participatingHouseholds",
          "participationRate",
          "deposits",
          "depositsInReview",
          "gramsByCategory",
          "points",
          "liabilityYuan",
          "gate",
          "charging",
        ],
        "type": "object",
      },
      "SiteReportInput": Object {
        "properties": Object {
          "charging": Object {
            "$ref": "#/components/schemas/ChargingFiguresInput",
          },
          "deposits": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "depositsInReview": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "from": Object {
            "type": "string",
          },
          "gate": Object {
            "$ref": "#/components/schemas/GateTrafficInput",
          },
          "gramsByCategory": Object {
            "additionalProperties": Object {
              "maximum": 9007199254740991,
              "minimum": -9007199254740991,
              "type": "integer",
            },
            "type": "object",
          },
          "households": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "liabilityYuan": Object {
            "type": "string",
          },
          "participatingHouseholds": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "participationRate": Object {
            "type": "number",
          },
          "points": Object {
            "properties": Object {
              "corrections": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
              "issued": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
              "outstanding": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
              "redeemed": Object {
                "maximum": 9007199254740991,
                "minimum": -9007199254740991,
                "type": "integer",
              },
            },
            "required": Array [
              "issued",
              "redeemed",
              "corrections",
              "outstanding",
            ],
            "type": "object",
          },
          "siteId": Object {
            "type": "string",
          },
          "siteName": Object {
            "type": "string",
          },
          "to": Object {
            "type": "string",
          },
        },
        "required": Array [
          "siteId",
          "siteName",
          "from",
          "to",
          "households",
          "participatingHouseholds",
          "participationRate",
          "deposits",
          "depositsInReview",
          "gramsByCategory",
          "points",
          "liabilityYuan",
          "gate",
          "charging",
        ],
        "type": "object",
      },
      "Staff": Object {
        "additionalProperties": false,
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "name": Object {
            "type": "string",
          },
          "role": Object {
            "enum": Array [
              "counter",
              "manager",
              "admin",
            ],
            "type": "string",
          },
          "siteId": Object {
            "nullable": true,
            "type": "string",
          },
          "username": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "username",
          "name",
          "role",
          "siteId",
          "active",
          "createdAtMs",
        ],
        "type": "object",
      },
      "StaffInput": Object {
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "name": Object {
            "type": "string",
          },
          "role": Object {
            "enum": Array [
              "counter",
              "manager",
              "admin",
            ],
            "type": "string",
          },
          "siteId": Object {
            "nullable": true,
            "type": "string",
          },
          "username": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "username",
          "name",
          "role",
          "siteId",
          "active",
          "createdAtMs",
        ],
        "type": "object",
      },
      "StartChargingCommand": Object {
        "additionalProperties": false,
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "holdPoints": Object {
            "maximum": 1000000,
            "minimum": 1,
            "type": "integer",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "start-charging",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "sessionId",
          "port",
          "type",
          "holdPoints",
        ],
        "type": "object",
      },
      "StartChargingCommandInput": Object {
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "holdPoints": Object {
            "maximum": 1000000,
            "minimum": 1,
            "type": "integer",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "start-charging",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "sessionId",
          "port",
          "type",
          "holdPoints",
        ],
        "type": "object",
      },
      "StopChargingCommand": Object {
        "additionalProperties": false,
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "reason": Object {
            "enum": Array [
              "USER",
              "TIME_LIMIT",
              "HOLD_EXHAUSTED",
              "FULL",
              "OVER_POWER",
              "OVER_TEMPERATURE",
              "PILE_SILENT",
              "START_TIMEOUT",
              "PILE_OVER_POWER",
            ],
            "type": "string",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "stop-charging",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "sessionId",
          "port",
          "type",
          "reason",
        ],
        "type": "object",
      },
      "StopChargingCommandInput": Object {
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "port": Object {
            "maximum": 64,
            "minimum": 1,
            "type": "integer",
          },
          "reason": Object {
            "enum": Array [
              "USER",
              "TIME_LIMIT",
              "HOLD_EXHAUSTED",
              "FULL",
              "OVER_POWER",
              "OVER_TEMPERATURE",
              "PILE_SILENT",
              "START_TIMEOUT",
              "PILE_OVER_POWER",
            ],
            "type": "string",
          },
          "sessionId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "stop-charging",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "sessionId",
          "port",
          "type",
          "reason",
        ],
        "type": "object",
      },
      "SwipeEvent": Object {
        "additionalProperties": false,
        "description": "A resident swiped a points card or scanned a QR code.",
        "properties": Object {
          "card": Object {
            "maxLength": 64,
            "minLength": 4,
            "pattern": "^[A-Za-z0-9_-]+$",
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "method": Object {
            "default": "card",
            "enum": Array [
              "card",
              "qr",
            ],
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "card",
          "method",
        ],
        "type": "object",
      },
      "SwipeEventInput": Object {
        "description": "A resident swiped a points card or scanned a QR code.",
        "properties": Object {
          "card": Object {
            "maxLength": 64,
            "minLength": 4,
            "pattern": "^[A-Za-z0-9_-]+$",
            "type": "string",
          },
          "eventId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[\\\\x21-\\\\x7e]+$",
            "type": "string",
          },
          "method": Object {
            "default": "card",
            "enum": Array [
              "card",
              "qr",
            ],
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "eventId",
          "ts",
          "card",
        ],
        "type": "object",
      },
      "TimeSyncCommand": Object {
        "additionalProperties": false,
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "serverTimeMs": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "timeZone": Object {
            "maxLength": 64,
            "minLength": 1,
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "time-sync",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "serverTimeMs",
          "timeZone",
        ],
        "type": "object",
      },
      "TimeSyncCommandInput": Object {
        "properties": Object {
          "cmdId": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "serverTimeMs": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "timeZone": Object {
            "maxLength": 64,
            "minLength": 1,
            "type": "string",
          },
          "ts": Object {
            "maximum": 8640000000000,
            "minimum": 0,
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "time-sync",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "cmdId",
          "ts",
          "type",
          "serverTimeMs",
          "timeZone",
        ],
        "type": "object",
      },
      "UpdateShopItem": Object {
        "additionalProperties": false,
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "name": Object {
            "maxLength": 100,
            "minLength": 1,
            "type": "string",
          },
          "pricePoints": Object {
            "maximum": 1000000000,
            "minimum": 1,
            "type": "integer",
          },
          "stock": Object {
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "type": "object",
      },
      "UpdateShopItemInput": Object {
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "name": Object {
            "maxLength": 100,
            "minLength": 1,
            "type": "string",
          },
          "pricePoints": Object {
            "maximum": 1000000000,
            "minimum": 1,
            "type": "integer",
          },
          "stock": Object {
            "maximum": 1000000,
            "minimum": 0,
            "type": "integer",
          },
        },
        "type": "object",
      },
      "VisitorPass": Object {
        "additionalProperties": false,
        "properties": Object {
          "gates": Object {
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
          "id": Object {
            "type": "string",
          },
          "issuedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "issuedBy": Object {
            "type": "string",
          },
          "kid": Object {
            "type": "string",
          },
          "maxUses": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "revokedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "uses": Object {
            "description": "counted centrally: online uses and offline uses the gates replayed",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "validFromMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "validUntilMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "visitor": Object {
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "kid",
          "gates",
          "validFromMs",
          "validUntilMs",
          "maxUses",
          "uses",
          "visitor",
          "issuedBy",
          "issuedAtMs",
          "revokedAtMs",
        ],
        "type": "object",
      },
      "VisitorPassClaims": Object {
        "additionalProperties": false,
        "properties": Object {
          "exp": Object {
            "maximum": 8640000000,
            "minimum": 0,
            "type": "integer",
          },
          "gates": Object {
            "items": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
            "maxItems": 32,
            "minItems": 1,
            "type": "array",
          },
          "kid": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "nbf": Object {
            "maximum": 8640000000,
            "minimum": 0,
            "type": "integer",
          },
          "pass": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "site": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "uses": Object {
            "maximum": 1000,
            "minimum": 1,
            "type": "integer",
          },
          "v": Object {
            "enum": Array [
              1,
            ],
            "type": "number",
          },
        },
        "required": Array [
          "v",
          "kid",
          "site",
          "pass",
          "gates",
          "nbf",
          "exp",
          "uses",
        ],
        "type": "object",
      },
      "VisitorPassClaimsInput": Object {
        "properties": Object {
          "exp": Object {
            "maximum": 8640000000,
            "minimum": 0,
            "type": "integer",
          },
          "gates": Object {
            "items": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
            "maxItems": 32,
            "minItems": 1,
            "type": "array",
          },
          "kid": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "nbf": Object {
            "maximum": 8640000000,
            "minimum": 0,
            "type": "integer",
          },
          "pass": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "site": Object {
            "maxLength": 64,
            "minLength": 1,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "type": "string",
          },
          "uses": Object {
            "maximum": 1000,
            "minimum": 1,
            "type": "integer",
          },
          "v": Object {
            "enum": Array [
              1,
            ],
            "type": "number",
          },
        },
        "required": Array [
          "v",
          "kid",
          "site",
          "pass",
          "gates",
          "nbf",
          "exp",
          "uses",
        ],
        "type": "object",
      },
      "VisitorPassInput": Object {
        "properties": Object {
          "gates": Object {
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
          "id": Object {
            "type": "string",
          },
          "issuedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "issuedBy": Object {
            "type": "string",
          },
          "kid": Object {
            "type": "string",
          },
          "maxUses": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "revokedAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "nullable": true,
            "type": "integer",
          },
          "siteId": Object {
            "type": "string",
          },
          "uses": Object {
            "description": "counted centrally: online uses and offline uses the gates replayed",
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "validFromMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "validUntilMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "visitor": Object {
            "nullable": true,
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "kid",
          "gates",
          "validFromMs",
          "validUntilMs",
          "maxUses",
          "uses",
          "visitor",
          "issuedBy",
          "issuedAtMs",
          "revokedAtMs",
        ],
        "type": "object",
      },
      "Webhook": Object {
        "additionalProperties": false,
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
          "url": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "url",
          "active",
          "createdAtMs",
        ],
        "type": "object",
      },
      "WebhookInput": Object {
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "createdAtMs": Object {
            "maximum": 9007199254740991,
            "minimum": -9007199254740991,
            "type": "integer",
          },
          "id": Object {
            "type": "string",
          },
          "siteId": Object {
            "type": "string",
          },
          "url": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "siteId",
          "url",
          "active",
          "createdAtMs",
        ],
        "type": "object",
      },
      "WebSession": Object {
        "additionalProperties": false,
        "properties": Object {
          "csrfToken": Object {
            "description": "send as X-CSRF-Token on every write made with the session cookie; null when authenticated by a Bearer token",
            "nullable": true,
            "type": "string",
          },
          "staff": Object {
            "$ref": "#/components/schemas/Staff",
          },
        },
        "required": Array [
          "staff",
          "csrfToken",
        ],
        "type": "object",
      },
      "WebSessionInput": Object {
        "properties": Object {
          "csrfToken": Object {
            "description": "send as X-CSRF-Token on every write made with the session cookie; null when authenticated by a Bearer token",
            "nullable": true,
            "type": "string",
          },
          "staff": Object {
            "$ref": "#/components/schemas/StaffInput",
          },
        },
        "required": Array [
          "staff",
          "csrfToken",
        ],
        "type": "object",
      },
    },
    "securitySchemes": Object {
      "bearerAuth": Object {
        "scheme": "bearer",
        "type": "http",
      },
    },
  },
  "info": Object {
    "description": "Staff token in \`Authorization: Bearer <token>\`; the /api/resident/… routes take a resident's token there instead (docs/residents.md). Errors: \`{ error: { code, message, details? } }\`. Points are integers; 100 points = 1 yuan.",
    "title": "Recycling kiosks: staff and counter API",
    "version": "1.0.0",
  },
  "openapi": "3.0.3",
  "paths": Object {
    "/api/adjustments": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "status",
            "required": false,
            "schema": Object {
              "default": "pending",
              "enum": Array [
                "pending",
                "approved",
                "rejected",
              ],
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "siteId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 100,
              "maximum": 500,
              "minimum": 1,
              "type": "integer",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "adjustments": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Adjustment",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "adjustments",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "adjustments",
        ],
      },
      "post": Object {
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/CreateAdjustmentInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Adjustment",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "adjustments",
        ],
      },
    },
    "/api/adjustments/{id}/approve": Object {
      "post": Object {
        "description": "The approver must not be the requester (422 SAME_APPROVER).",
        "parameters": Array [
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/AdjustmentDecision",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "adjustments",
        ],
      },
    },
    "/api/adjustments/{id}/reject": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/AdjustmentDecision",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "adjustments",
        ],
      },
    },
    "/api/alarms": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "siteId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "deviceId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "severity",
            "required": false,
            "schema": Object {
              "enum": Array [
                "critical",
                "major",
                "minor",
                "warning",
                "indeterminate",
              ],
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "type",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "active",
            "required": false,
            "schema": Object {
              "enum": Array [
                "true",
                "false",
              ],
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "acknowledged",
            "required": false,
            "schema": Object {
              "enum": Array [
                "true",
                "false",
              ],
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 200,
              "maximum": 1000,
              "minimum": 1,
              "type": "integer",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "alarms": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Alarm",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "alarms",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
    },
    "/api/alarms/{alarmId}": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "alarmId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "alarm": Object {
                      "$ref": "#/components/schemas/Alarm",
                    },
                    "changes": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/AlarmChange",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "alarm",
                    "changes",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
    },
    "/api/alarms/{alarmId}/acknowledge": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "alarmId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Alarm",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
    },
    "/api/alarms/{alarmId}/clear": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "alarmId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Alarm",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
    },
    "/api/alarms/{alarmId}/in-service": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "alarmId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Alarm",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
    },
    "/api/alarms/{alarmId}/out-of-service": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "alarmId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "reason": Object {
                    "maxLength": 500,
                    "minLength": 1,
                    "type": "string",
                  },
                },
                "required": Array [
                  "reason",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Alarm",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
    },
    "/api/alarms/{alarmId}/shelve": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "alarmId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "reason": Object {
                    "maxLength": 500,
                    "minLength": 1,
                    "type": "string",
                  },
                  "untilMs": Object {
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "reason",
                  "untilMs",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Alarm",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
    },
    "/api/alarms/{alarmId}/unshelve": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "alarmId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Alarm",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
    },
    "/api/alarms/history": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "siteId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "deviceId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "fromMs",
            "required": false,
            "schema": Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          },
          Object {
            "in": "query",
            "name": "toMs",
            "required": false,
            "schema": Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          },
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 200,
              "maximum": 1000,
              "minimum": 1,
              "type": "integer",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "alarms": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Alarm",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "alarms",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
    },
    "/api/audit": Object {
      "get": Object {
        "description": "Staff actions, newest first: every POST/PUT/PATCH/DELETE after authentication, with its outcome. Read-only: no route edits or deletes entries. A site-bound admin sees the staff of their site.",
        "parameters": Array [
          Object {
            "description": "only entries at or after this time (ms since the epoch)",
            "in": "query",
            "name": "since",
            "required": false,
            "schema": Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          },
          Object {
            "description": "only this staff member",
            "in": "query",
            "name": "staffId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "description": "the numeric id of an audit entry: only entries with a smaller id (page back with the smallest id of the last page)",
            "in": "query",
            "name": "before",
            "required": false,
            "schema": Object {
              "maximum": 9007199254740991,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 100,
              "maximum": 1000,
              "minimum": 1,
              "type": "integer",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "entries": Object {
                      "items": Object {
                        "additionalProperties": false,
                        "properties": Object {
                          "atMs": Object {
                            "maximum": 9007199254740991,
                            "minimum": -9007199254740991,
                            "type": "integer",
                          },
                          "bodySummary": Object {
                            "description": "short summary of the request body; values under secret-looking keys are \\"[redacted]\\"",
                          },
                          "durationMs": Object {
                            "maximum": 9007199254740991,
                            "minimum": -9007199254740991,
                            "type": "integer",
                          },
                          "id": Object {
                            "maximum": 9007199254740991,
                            "minimum": -9007199254740991,
                            "type": "integer",
                          },
                          "ip": Object {
                            "type": "string",
                          },
                          "method": Object {
                            "type": "string",
                          },
                          "params": Object {
                            "additionalProperties": Object {},
                            "type": "object",
                          },
                          "requestId": Object {
                            "type": "string",
                          },
                          "route": Object {
                            "description": "route pattern, e.g. /api/cards/:uid/block",
                            "type": "string",
                          },
                          "staffId": Object {
                            "type": "string",
                          },
                          "staffRole": Object {
                            "enum": Array [
                              "counter",
                              "manager",
                              "admin",
                            ],
                            "type": "string",
                          },
                          "staffSiteId": Object {
                            "nullable": true,
                            "type": "string",
                          },
                          "statusCode": Object {
                            "maximum": 9007199254740991,
                            "minimum": -9007199254740991,
                            "type": "integer",
                          },
                          "userAgent": Object {
                            "nullable": true,
                            "type": "string",
                          },
                        },
                        "required": Array [
                          "id",
                          "atMs",
                          "staffId",
                          "staffRole",
                          "staffSiteId",
                          "method",
                          "route",
                          "params",
                          "bodySummary",
                          "statusCode",
                          "ip",
                          "userAgent",
                          "requestId",
                          "durationMs",
                        ],
                        "type": "object",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "entries",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "audit",
        ],
      },
    },
    "/api/cards/{uid}": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "uid",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 4,
              "pattern": "^[A-Za-z0-9_-]+$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/CardView",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "cards",
        ],
      },
    },
    "/api/cards/{uid}/block": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "uid",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 4,
              "pattern": "^[A-Za-z0-9_-]+$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Card",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Block a card (misuse)",
        "tags": Array [
          "cards",
        ],
      },
    },
    "/api/cards/{uid}/reactivate": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "uid",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 4,
              "pattern": "^[A-Za-z0-9_-]+$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Card",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Make a lost or blocked card work again (409 CONFLICT when the site has 20,000 cards in use)",
        "tags": Array [
          "cards",
        ],
      },
    },
    "/api/cards/{uid}/report-lost": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "uid",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 4,
              "pattern": "^[A-Za-z0-9_-]+$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Card",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Resident reports the card lost; it stops working at once (a blocked card: manager only)",
        "tags": Array [
          "cards",
        ],
      },
    },
    "/api/cards/{uid}/schedule": Object {
      "put": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "uid",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 4,
              "pattern": "^[A-Za-z0-9_-]+$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "scheduleId": Object {
                    "description": "null: no time limit",
                    "maxLength": 64,
                    "minLength": 1,
                    "nullable": true,
                    "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                    "type": "string",
                  },
                },
                "required": Array [
                  "scheduleId",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "ok": Object {
                      "enum": Array [
                        true,
                      ],
                      "type": "boolean",
                    },
                  },
                  "required": Array [
                    "ok",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Give a card an access schedule (null: no time limit)",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/cards/{uid}/unlink": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "uid",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 4,
              "pattern": "^[A-Za-z0-9_-]+$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Card",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Card returned: detach it from the household and forget its access schedule (can be linked again, then without one); a lost or blocked card needs a manager",
        "tags": Array [
          "cards",
        ],
      },
    },
    "/api/charging/sessions": Object {
      "post": Object {
        "description": "Needs an Idempotency-Key header: the same key with the same body returns the first answer and starts nothing more; with another body it is 422 IDEMPOTENCY_KEY_REUSED.",
        "parameters": Array [
          Object {
            "description": "client-chosen key, unique per start (per resident or staff member); a retry reuses it",
            "in": "header",
            "name": "idempotency-key",
            "required": true,
            "schema": Object {
              "maxLength": 128,
              "minLength": 1,
              "pattern": "^[\\\\x21-\\\\x7e]+$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/ScanToChargeInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ScanToChargeResult",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "charging",
        ],
      },
    },
    "/api/charging/sessions/{sessionId}": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "sessionId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ChargingDispute",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "charging",
        ],
      },
    },
    "/api/charging/sessions/{sessionId}/stop": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "sessionId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "202": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "session": Object {
                      "$ref": "#/components/schemas/ChargingSession",
                    },
                    "stopSent": Object {
                      "description": "false when a stop was already asked for",
                      "type": "boolean",
                    },
                  },
                  "required": Array [
                    "session",
                    "stopSent",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "charging",
        ],
      },
    },
    "/api/devices/{deviceId}": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Device",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "One device of the caller's sites",
        "tags": Array [
          "devices",
        ],
      },
    },
    "/api/devices/{deviceId}/charging-sessions": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 50,
              "maximum": 200,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ChargingSessionList",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "charging",
        ],
      },
    },
    "/api/devices/{deviceId}/charging-tariff": Object {
      "put": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/SetChargingTariffInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ChargingTariffVersion",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "charging",
        ],
      },
    },
    "/api/devices/{deviceId}/commands": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 50,
              "maximum": 200,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "commands": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/DeviceCommand",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "commands",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "The commands sent to the device, newest first, with their acks",
        "tags": Array [
          "devices",
        ],
      },
    },
    "/api/devices/{deviceId}/dead-letters": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 50,
              "maximum": 500,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "deadLetters": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/DeadLetter",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "deadLetters",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "devices",
        ],
      },
    },
    "/api/devices/{deviceId}/disable": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Device",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "devices",
        ],
      },
    },
    "/api/devices/{deviceId}/enable": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Device",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "devices",
        ],
      },
    },
    "/api/devices/{deviceId}/events": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 50,
              "maximum": 200,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "events": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/DeviceEvent",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "events",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "The device's recent events, newest first: what each did (not its payload)",
        "tags": Array [
          "devices",
        ],
      },
    },
    "/api/devices/{deviceId}/health": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/DeviceHealth",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "devices",
        ],
      },
    },
    "/api/devices/{deviceId}/rotate-secret": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/RotatedSecret",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "devices",
        ],
      },
    },
    "/api/events": Object {
      "get": Object {
        "description": "text/event-stream: \`alarm\` events (id = change id; resume with Last-Event-ID) and \`presence\` events.",
        "parameters": Array [
          Object {
            "in": "query",
            "name": "siteId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
    },
    "/api/gates/{deviceId}": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/GateState",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "A gate's settings and the state of its allow-list and clock",
        "tags": Array [
          "gates",
        ],
      },
      "put": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "directions": Object {
                    "description": "the directions the gate's readers serve",
                    "items": Object {
                      "enum": Array [
                        "in",
                        "out",
                      ],
                      "type": "string",
                    },
                    "maxItems": 2,
                    "minItems": 1,
                    "type": "array",
                  },
                  "releaseMs": Object {
                    "default": 5000,
                    "description": "how long an open releases the lock",
                    "maximum": 60000,
                    "minimum": 500,
                    "type": "integer",
                  },
                  "zoneId": Object {
                    "default": null,
                    "description": "anti-passback zone of the site; null: none",
                    "maxLength": 64,
                    "minLength": 1,
                    "nullable": true,
                    "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                    "type": "string",
                  },
                },
                "required": Array [
                  "directions",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/GateState",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Set a gate's directions, zone and release time; sent to the gate at once (gate-config)",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/gates/{deviceId}/open": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "deviceId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "reader": Object {
                    "maximum": 15,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "reason": Object {
                    "description": "why: recorded in the access log and the audit log",
                    "maxLength": 200,
                    "minLength": 1,
                    "type": "string",
                  },
                  "timeoutMs": Object {
                    "default": 10000,
                    "description": "how long to wait for the gate's ack; the open is void after it",
                    "maximum": 30000,
                    "minimum": 1000,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "reason",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "cmdId": Object {
                      "type": "string",
                    },
                    "error": Object {
                      "nullable": true,
                      "type": "string",
                    },
                    "outcome": Object {
                      "description": "opened: the gate acked; refused: it acked with ok=false; timeout: no ack in time (the command expires and is never re-sent)",
                      "enum": Array [
                        "opened",
                        "refused",
                        "timeout",
                      ],
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "cmdId",
                    "outcome",
                    "error",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Open a gate remotely; answers when the gate acks, refuses, or does not answer in time",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/households": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "siteId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "label",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 50,
              "maximum": 200,
              "minimum": 1,
              "type": "integer",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "households": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Household",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "households",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "households",
        ],
      },
    },
    "/api/households/{id}": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/HouseholdView",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "households",
        ],
      },
    },
    "/api/households/{id}/cards": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/LinkCardInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Card",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Link a card to the household (409 CONFLICT when the site has 20,000 cards in use)",
        "tags": Array [
          "cards",
        ],
      },
    },
    "/api/households/{id}/charging-sessions": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 50,
              "maximum": 200,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ChargingSessionList",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "charging",
        ],
      },
    },
    "/api/households/{id}/ledger": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 50,
              "maximum": 200,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "in": "query",
            "name": "before",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/LedgerPage",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "households",
        ],
      },
    },
    "/api/households/{id}/resident-invitations": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/ResidentInvitationRequestInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ResidentInvitation",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Invite a phone into a household: a one-time activation code to hand over at the counter",
        "tags": Array [
          "residents",
        ],
      },
    },
    "/api/households/{id}/residents": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "residents": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Resident",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "residents",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "residents",
        ],
      },
    },
    "/api/ledger/{entryId}/reverse": Object {
      "post": Object {
        "description": "A debit is reversed by someone other than the staff member who made it (422 SAME_APPROVER).",
        "parameters": Array [
          Object {
            "in": "path",
            "name": "entryId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/ReverseEntryInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ReversalResult",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "ledger",
        ],
      },
    },
    "/api/me": Object {
      "get": Object {
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Staff",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "staff",
        ],
      },
    },
    "/api/pickups/{pickupId}/collect": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "pickupId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "grams": Object {
                    "description": "weight collected from the bin, grams",
                    "maximum": 10000000,
                    "minimum": 0,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "grams",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Pickup",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "pickups",
        ],
      },
    },
    "/api/redemptions": Object {
      "post": Object {
        "description": "Needs an Idempotency-Key header. Replaying the same key with the same body returns the first response and changes nothing; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED.",
        "parameters": Array [
          Object {
            "description": "client-chosen key, unique per redemption and staff member; a retry reuses it",
            "in": "header",
            "name": "idempotency-key",
            "required": true,
            "schema": Object {
              "maxLength": 128,
              "minLength": 1,
              "pattern": "^[\\\\x21-\\\\x7e]+$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/RedemptionRequestInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/RedemptionResult",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "redemptions",
        ],
      },
    },
    "/api/redemptions/{id}/receipt": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "text/plain": Object {
                "schema": Object {
                  "description": "printable receipt, text/plain",
                  "type": "string",
                },
              },
            },
            "description": "printable receipt, text/plain",
          },
          "4XX": Object {
            "content": Object {
              "text/plain": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "redemptions",
        ],
      },
    },
    "/api/reports": Object {
      "get": Object {
        "description": "\`format=csv\` answers text/csv (one row per site, the total last).",
        "parameters": Array [
          Object {
            "in": "query",
            "name": "siteId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "day",
            "required": false,
            "schema": Object {
              "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "month",
            "required": false,
            "schema": Object {
              "pattern": "^\\\\d{4}-(0[1-9]|1[0-2])$",
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "format",
            "required": false,
            "schema": Object {
              "default": "json",
              "enum": Array [
                "json",
                "csv",
              ],
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "reports": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/SiteReport",
                      },
                      "type": "array",
                    },
                    "total": Object {
                      "$ref": "#/components/schemas/SiteReport",
                    },
                  },
                  "required": Array [
                    "reports",
                    "total",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "reports",
        ],
      },
    },
    "/api/resident/activation": Object {
      "post": Object {
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/ResidentActivationInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ResidentToken",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "security": Array [],
        "summary": "Activate an account: phone + the counter's code + a new password → signed in",
        "tags": Array [
          "resident",
        ],
      },
    },
    "/api/resident/charging/sessions": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 50,
              "maximum": 200,
              "minimum": 1,
              "type": "integer",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ChargingSessionList",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "The household's charging history, newest first",
        "tags": Array [
          "resident",
        ],
      },
      "post": Object {
        "description": "Needs an Idempotency-Key header: the same key with the same body returns the first answer and starts nothing more; with another body it is 422 IDEMPOTENCY_KEY_REUSED.",
        "parameters": Array [
          Object {
            "description": "client-chosen key, unique per start (per resident or staff member); a retry reuses it",
            "in": "header",
            "name": "idempotency-key",
            "required": true,
            "schema": Object {
              "maxLength": 128,
              "minLength": 1,
              "pattern": "^[\\\\x21-\\\\x7e]+$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/ResidentScanToChargeInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ScanToChargeResult",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Scan-to-charge: the pile and port from its QR code, paid from the household's points",
        "tags": Array [
          "resident",
        ],
      },
    },
    "/api/resident/charging/sessions/{sessionId}/stop": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "sessionId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "202": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "session": Object {
                      "$ref": "#/components/schemas/ChargingSession",
                    },
                    "stopSent": Object {
                      "type": "boolean",
                    },
                  },
                  "required": Array [
                    "session",
                    "stopSent",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "resident",
        ],
      },
    },
    "/api/resident/me": Object {
      "get": Object {
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ResidentMe",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "resident",
        ],
      },
    },
    "/api/resident/session": Object {
      "delete": Object {
        "responses": Object {
          "204": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "enum": Array [
                    null,
                  ],
                  "nullable": true,
                  "type": "string",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Sign out: this token stops working",
        "tags": Array [
          "resident",
        ],
      },
      "post": Object {
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/ResidentSignInInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ResidentToken",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "security": Array [],
        "summary": "Sign in: phone + password → a bearer token",
        "tags": Array [
          "resident",
        ],
      },
    },
    "/api/resident/visitor-passes": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "description": "also revoked and ended passes",
            "in": "query",
            "name": "all",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 100,
              "maximum": 500,
              "minimum": 1,
              "type": "integer",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "passes": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/VisitorPass",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "passes",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "The household's passes issued by its residents (by default those still usable)",
        "tags": Array [
          "resident",
        ],
      },
      "post": Object {
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "gates": Object {
                    "description": "gate device ids of the site",
                    "items": Object {
                      "maxLength": 64,
                      "minLength": 1,
                      "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                      "type": "string",
                    },
                    "maxItems": 32,
                    "minItems": 1,
                    "type": "array",
                  },
                  "maxUses": Object {
                    "default": 1,
                    "maximum": 1000,
                    "minimum": 1,
                    "type": "integer",
                  },
                  "validFromMs": Object {
                    "description": "rounded down to a whole second",
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "validUntilMs": Object {
                    "description": "exclusive; rounded up to a whole second",
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "visitor": Object {
                    "description": "who the pass is for, for staff",
                    "maxLength": 100,
                    "minLength": 1,
                    "type": "string",
                  },
                },
                "required": Array [
                  "gates",
                  "validFromMs",
                  "validUntilMs",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "pass": Object {
                      "$ref": "#/components/schemas/VisitorPass",
                    },
                    "qr": Object {
                      "description": "VP1.<claims>.<signature> (docs/gate.md §3): print it as a QR code",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "pass",
                    "qr",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Issue a visitor pass within the site's limits for residents (409 PASS_LIMIT_EXCEEDED, details.reason)",
        "tags": Array [
          "resident",
        ],
      },
    },
    "/api/resident/visitor-passes/{passId}/revoke": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "passId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/VisitorPass",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "resident",
        ],
      },
    },
    "/api/residents/{residentId}/deactivate": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "residentId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Resident",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "End a resident's account and tokens (moved out, lost phone); the phone may be invited again",
        "tags": Array [
          "residents",
        ],
      },
    },
    "/api/review-items": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "status",
            "required": false,
            "schema": Object {
              "default": "pending",
              "enum": Array [
                "pending",
                "approved",
                "rejected",
              ],
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "siteId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 100,
              "maximum": 500,
              "minimum": 1,
              "type": "integer",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "reviewItems": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/ReviewItem",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "reviewItems",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "review",
        ],
      },
    },
    "/api/review-items/{id}/approve": Object {
      "post": Object {
        "description": "Credits the computed points, limited by the site daily cap for the deposit's local day.",
        "parameters": Array [
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ReviewDecision",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "review",
        ],
      },
    },
    "/api/review-items/{id}/reject": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ReviewDecision",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "review",
        ],
      },
    },
    "/api/session": Object {
      "delete": Object {
        "responses": Object {
          "204": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "enum": Array [
                    null,
                  ],
                  "nullable": true,
                  "type": "string",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "session",
        ],
      },
      "get": Object {
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/WebSession",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "session",
        ],
      },
      "post": Object {
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/SignInInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/WebSession",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "security": Array [],
        "tags": Array [
          "session",
        ],
      },
    },
    "/api/shop-items/{id}": Object {
      "patch": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/UpdateShopItemInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ShopItem",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "shop",
        ],
      },
    },
    "/api/sites": Object {
      "get": Object {
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "sites": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Site",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "sites",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "sites",
        ],
      },
      "post": Object {
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/CreateSiteInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Site",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "sites",
        ],
      },
    },
    "/api/sites/{siteId}": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Site",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "sites",
        ],
      },
    },
    "/api/sites/{siteId}/access-log": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "description": "only this gate (device id)",
            "in": "query",
            "name": "gateId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "description": "only this card",
            "in": "query",
            "name": "card",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 4,
              "pattern": "^[A-Za-z0-9_-]+$",
              "type": "string",
            },
          },
          Object {
            "description": "only this household's cards",
            "in": "query",
            "name": "householdId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "decision",
            "required": false,
            "schema": Object {
              "enum": Array [
                "allow",
                "deny",
              ],
              "type": "string",
            },
          },
          Object {
            "description": "online: decided by the backend; offline: decided by the gate and replayed; remote: opened by staff",
            "in": "query",
            "name": "mode",
            "required": false,
            "schema": Object {
              "enum": Array [
                "online",
                "offline",
                "remote",
              ],
              "type": "string",
            },
          },
          Object {
            "description": "passages at or after this time (ms since the epoch)",
            "in": "query",
            "name": "from",
            "required": false,
            "schema": Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          },
          Object {
            "description": "passages before this time (ms since the epoch)",
            "in": "query",
            "name": "until",
            "required": false,
            "schema": Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          },
          Object {
            "description": "nextCursor of the previous page",
            "in": "query",
            "name": "cursor",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 100,
              "maximum": 500,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "entries": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/AccessLogEntry",
                      },
                      "type": "array",
                    },
                    "nextCursor": Object {
                      "nullable": true,
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "entries",
                    "nextCursor",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Access log, newest first, with filters and cursor paging",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/sites/{siteId}/access-log.csv": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "description": "only this gate (device id)",
            "in": "query",
            "name": "gateId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "description": "only this card",
            "in": "query",
            "name": "card",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 4,
              "pattern": "^[A-Za-z0-9_-]+$",
              "type": "string",
            },
          },
          Object {
            "description": "only this household's cards",
            "in": "query",
            "name": "householdId",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "decision",
            "required": false,
            "schema": Object {
              "enum": Array [
                "allow",
                "deny",
              ],
              "type": "string",
            },
          },
          Object {
            "description": "online: decided by the backend; offline: decided by the gate and replayed; remote: opened by staff",
            "in": "query",
            "name": "mode",
            "required": false,
            "schema": Object {
              "enum": Array [
                "online",
                "offline",
                "remote",
              ],
              "type": "string",
            },
          },
          Object {
            "description": "passages at or after this time (ms since the epoch)",
            "in": "query",
            "name": "from",
            "required": false,
            "schema": Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          },
          Object {
            "description": "passages before this time (ms since the epoch)",
            "in": "query",
            "name": "until",
            "required": false,
            "schema": Object {
              "maximum": 9007199254740991,
              "minimum": 0,
              "type": "integer",
            },
          },
          Object {
            "description": "nextCursor of the previous page",
            "in": "query",
            "name": "cursor",
            "required": false,
            "schema": Object {
              "maxLength": 64,
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 100,
              "maximum": 500,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "description": "Default Response",
          },
        },
        "summary": "The access log as CSV (text/csv, streamed), same filters; cursor and limit are ignored",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/sites/{siteId}/access-schedules": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "schedules": Object {
                      "description": "the site's schedules, by id",
                      "items": Object {
                        "$ref": "#/components/schemas/AccessSchedule",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "schedules",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "The site's access schedules (site-local time), by id",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/sites/{siteId}/access-schedules/{scheduleId}": Object {
      "put": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "path",
            "name": "scheduleId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "dateRanges": Object {
                    "default": Array [],
                    "items": Object {
                      "properties": Object {
                        "from": Object {
                          "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
                          "type": "string",
                        },
                        "until": Object {
                          "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "from",
                        "until",
                      ],
                      "type": "object",
                    },
                    "maxItems": 8,
                    "type": "array",
                  },
                  "freeExit": Object {
                    "default": false,
                    "type": "boolean",
                  },
                  "holidays": Object {
                    "default": Array [],
                    "items": Object {
                      "properties": Object {
                        "from": Object {
                          "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                          "type": "string",
                        },
                        "to": Object {
                          "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "from",
                        "to",
                      ],
                      "type": "object",
                    },
                    "maxItems": 4,
                    "type": "array",
                  },
                  "weekdays": Object {
                    "properties": Object {
                      "fri": Object {
                        "items": Object {
                          "properties": Object {
                            "from": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                            "to": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "from",
                            "to",
                          ],
                          "type": "object",
                        },
                        "maxItems": 4,
                        "type": "array",
                      },
                      "mon": Object {
                        "items": Object {
                          "properties": Object {
                            "from": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                            "to": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "from",
                            "to",
                          ],
                          "type": "object",
                        },
                        "maxItems": 4,
                        "type": "array",
                      },
                      "sat": Object {
                        "items": Object {
                          "properties": Object {
                            "from": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                            "to": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "from",
                            "to",
                          ],
                          "type": "object",
                        },
                        "maxItems": 4,
                        "type": "array",
                      },
                      "sun": Object {
                        "items": Object {
                          "properties": Object {
                            "from": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                            "to": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "from",
                            "to",
                          ],
                          "type": "object",
                        },
                        "maxItems": 4,
                        "type": "array",
                      },
                      "thu": Object {
                        "items": Object {
                          "properties": Object {
                            "from": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                            "to": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "from",
                            "to",
                          ],
                          "type": "object",
                        },
                        "maxItems": 4,
                        "type": "array",
                      },
                      "tue": Object {
                        "items": Object {
                          "properties": Object {
                            "from": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                            "to": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "from",
                            "to",
                          ],
                          "type": "object",
                        },
                        "maxItems": 4,
                        "type": "array",
                      },
                      "wed": Object {
                        "items": Object {
                          "properties": Object {
                            "from": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                            "to": Object {
                              "pattern": "^([01]\\\\d|2[0-3]):[0-5]\\\\d$|^24:00$",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "from",
                            "to",
                          ],
                          "type": "object",
                        },
                        "maxItems": 4,
                        "type": "array",
                      },
                    },
                    "type": "object",
                  },
                },
                "required": Array [
                  "weekdays",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "ok": Object {
                      "enum": Array [
                        true,
                      ],
                      "type": "boolean",
                    },
                  },
                  "required": Array [
                    "ok",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Create or replace an access schedule (site-local time); a new one beyond 255 per site is 409 CONFLICT",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/sites/{siteId}/charging-tariff": Object {
      "put": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/SetChargingTariffInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ChargingTariffVersion",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "charging",
        ],
      },
    },
    "/api/sites/{siteId}/charging-tariffs": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "deviceId",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "versions": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/ChargingTariffVersion",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "versions",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "charging",
        ],
      },
    },
    "/api/sites/{siteId}/devices": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "devices": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Device",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "devices",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "devices",
        ],
      },
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/CreateDeviceInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ProvisionedDevice",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "devices",
        ],
      },
    },
    "/api/sites/{siteId}/gate-zones": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "antiPassback": Object {
                    "description": "soft: let through and flag; hard: deny",
                    "enum": Array [
                      "off",
                      "soft",
                      "hard",
                    ],
                    "type": "string",
                  },
                  "id": Object {
                    "maxLength": 64,
                    "minLength": 1,
                    "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                    "type": "string",
                  },
                  "resetAfterMs": Object {
                    "default": null,
                    "description": "forget the last passage after this long; null: never",
                    "maximum": 2678400000,
                    "minimum": 1000,
                    "nullable": true,
                    "type": "integer",
                  },
                },
                "required": Array [
                  "id",
                  "antiPassback",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "ok": Object {
                      "enum": Array [
                        true,
                      ],
                      "type": "boolean",
                    },
                  },
                  "required": Array [
                    "ok",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "An anti-passback zone",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/sites/{siteId}/health": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "devices": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/DeviceHealth",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "devices",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "devices",
        ],
      },
    },
    "/api/sites/{siteId}/holidays": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "holidays": Object {
                      "description": "site-local dates YYYY-MM-DD, sorted",
                      "items": Object {
                        "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
                        "type": "string",
                      },
                      "maxItems": 64,
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "holidays",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "The site's holidays, sorted",
        "tags": Array [
          "gates",
        ],
      },
      "put": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "holidays": Object {
                    "description": "site-local dates YYYY-MM-DD",
                    "items": Object {
                      "pattern": "^\\\\d{4}-\\\\d{2}-\\\\d{2}$",
                      "type": "string",
                    },
                    "maxItems": 64,
                    "type": "array",
                  },
                },
                "required": Array [
                  "holidays",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "ok": Object {
                      "enum": Array [
                        true,
                      ],
                      "type": "boolean",
                    },
                  },
                  "required": Array [
                    "ok",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "The site's holidays (schedules use their holiday periods on them)",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/sites/{siteId}/households": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/CreateHouseholdInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Household",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "households",
        ],
      },
    },
    "/api/sites/{siteId}/overview": Object {
      "get": Object {
        "description": "Devices by state, bins nearly full, today's deposits and points (site-local day), pending decisions.",
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/SiteOverview",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "sites",
        ],
      },
    },
    "/api/sites/{siteId}/overview/stream": Object {
      "get": Object {
        "description": "Server-sent events: \`overview\` (data: SiteOverview JSON) at once and whenever it changes; \`signed-out\` when the session or token stops being valid, then the stream ends.",
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "text/event-stream": Object {
                "schema": Object {
                  "description": "text/event-stream",
                  "type": "string",
                },
              },
            },
            "description": "text/event-stream",
          },
          "4XX": Object {
            "content": Object {
              "text/event-stream": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "sites",
        ],
      },
    },
    "/api/sites/{siteId}/pass-keys": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "keys": Object {
                      "items": Object {
                        "additionalProperties": false,
                        "properties": Object {
                          "createdAtMs": Object {
                            "maximum": 9007199254740991,
                            "minimum": -9007199254740991,
                            "type": "integer",
                          },
                          "kid": Object {
                            "type": "string",
                          },
                          "publicKey": Object {
                            "type": "string",
                          },
                          "retiredAtMs": Object {
                            "maximum": 9007199254740991,
                            "minimum": -9007199254740991,
                            "nullable": true,
                            "type": "integer",
                          },
                        },
                        "required": Array [
                          "kid",
                          "publicKey",
                          "createdAtMs",
                          "retiredAtMs",
                        ],
                        "type": "object",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "keys",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "gates",
        ],
      },
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "createdAtMs": Object {
                      "maximum": 9007199254740991,
                      "minimum": -9007199254740991,
                      "type": "integer",
                    },
                    "kid": Object {
                      "type": "string",
                    },
                    "publicKey": Object {
                      "type": "string",
                    },
                    "retiredAtMs": Object {
                      "maximum": 9007199254740991,
                      "minimum": -9007199254740991,
                      "nullable": true,
                      "type": "integer",
                    },
                  },
                  "required": Array [
                    "kid",
                    "publicKey",
                    "createdAtMs",
                    "retiredAtMs",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Rotate: a new signing key; older keys keep verifying their passes until retired",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/sites/{siteId}/pass-keys/{kid}/retire": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
          Object {
            "in": "path",
            "name": "kid",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "kid": Object {
                      "type": "string",
                    },
                    "retired": Object {
                      "enum": Array [
                        true,
                      ],
                      "type": "boolean",
                    },
                  },
                  "required": Array [
                    "kid",
                    "retired",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Retire a key: its passes are refused (UNKNOWN_KEY) once gates hold the next list",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/sites/{siteId}/pickups": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "status",
            "required": false,
            "schema": Object {
              "enum": Array [
                "open",
                "collected",
              ],
              "type": "string",
            },
          },
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "pickups": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Pickup",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "pickups",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "pickups",
        ],
      },
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "category": Object {
                    "enum": Array [
                      "paper",
                      "plastic",
                      "metal",
                      "glass",
                      "textile",
                      "kitchen",
                      "hazardous",
                      "other",
                    ],
                    "type": "string",
                  },
                  "deviceId": Object {
                    "maxLength": 64,
                    "minLength": 1,
                    "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                    "type": "string",
                  },
                },
                "required": Array [
                  "deviceId",
                  "category",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Pickup",
                },
              },
            },
            "description": "Default Response",
          },
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Pickup",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "pickups",
        ],
      },
    },
    "/api/sites/{siteId}/rates": Object {
      "put": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/RateTableInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Site",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "sites",
        ],
      },
    },
    "/api/sites/{siteId}/resident-pass-limits": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ResidentPassLimitsView",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "residents",
        ],
      },
      "put": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/ResidentPassLimitsInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ResidentPassLimitsView",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Limits on the visitor passes residents issue from their phone",
        "tags": Array [
          "residents",
        ],
      },
    },
    "/api/sites/{siteId}/settings-changes": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "description": "the id of a change: only older ones (page back with the smallest id of the last page)",
            "in": "query",
            "name": "before",
            "required": false,
            "schema": Object {
              "maximum": 9007199254740991,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 50,
              "maximum": 200,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "changes": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/SettingsChange",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "changes",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "The site's settings changes (rates, tariffs, schedules, holidays) from the audit log, newest first",
        "tags": Array [
          "audit",
        ],
      },
    },
    "/api/sites/{siteId}/shop-items": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "query",
            "name": "includeInactive",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "items": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/ShopItem",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "items",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "shop",
        ],
      },
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/CreateShopItemInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ShopItem",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "shop",
        ],
      },
    },
    "/api/sites/{siteId}/visitor-passes": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "description": "also revoked and ended passes",
            "in": "query",
            "name": "all",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": Object {
              "default": 100,
              "maximum": 500,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "passes": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/VisitorPass",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "passes",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "The site's visitor passes, newest first (by default those still usable)",
        "tags": Array [
          "gates",
        ],
      },
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "gates": Object {
                    "description": "gate device ids of the site",
                    "items": Object {
                      "maxLength": 64,
                      "minLength": 1,
                      "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                      "type": "string",
                    },
                    "maxItems": 32,
                    "minItems": 1,
                    "type": "array",
                  },
                  "maxUses": Object {
                    "default": 1,
                    "maximum": 1000,
                    "minimum": 1,
                    "type": "integer",
                  },
                  "validFromMs": Object {
                    "description": "rounded down to a whole second",
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "validUntilMs": Object {
                    "description": "exclusive; rounded up to a whole second",
                    "maximum": 9007199254740991,
                    "minimum": 0,
                    "type": "integer",
                  },
                  "visitor": Object {
                    "description": "who the pass is for, for staff",
                    "maxLength": 100,
                    "minLength": 1,
                    "type": "string",
                  },
                },
                "required": Array [
                  "gates",
                  "validFromMs",
                  "validUntilMs",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "pass": Object {
                      "$ref": "#/components/schemas/VisitorPass",
                    },
                    "qr": Object {
                      "description": "VP1.<claims>.<signature> (docs/gate.md §3): print it as a QR code",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "pass",
                    "qr",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Issue a visitor pass (a signed QR string)",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/sites/{siteId}/webhooks": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "webhooks": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Webhook",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "webhooks",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "siteId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "url": Object {
                    "description": "http(s) URL that receives the site's alarm notifications",
                    "format": "uri",
                    "maxLength": 2000,
                    "type": "string",
                  },
                },
                "required": Array [
                  "url",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "secret": Object {
                      "description": "HMAC-SHA256 key of the X-Alarm-Signature header; shown once",
                      "type": "string",
                    },
                    "webhook": Object {
                      "$ref": "#/components/schemas/Webhook",
                    },
                  },
                  "required": Array [
                    "webhook",
                    "secret",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
    },
    "/api/staff": Object {
      "get": Object {
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "staff": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Staff",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "staff",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "staff",
        ],
      },
      "post": Object {
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/CreateStaffInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/CreatedStaff",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "staff",
        ],
      },
    },
    "/api/staff/{id}/deactivate": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Staff",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "staff",
        ],
      },
    },
    "/api/staff/{id}/password": Object {
      "put": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/SetPasswordInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "204": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "enum": Array [
                    null,
                  ],
                  "nullable": true,
                  "type": "string",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "session",
        ],
      },
    },
    "/api/visitor-passes/{passId}": Object {
      "get": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "passId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/VisitorPass",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/visitor-passes/{passId}/revoke": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "passId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/VisitorPass",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "summary": "Revoke a pass: refused online at once, offline from the gates' next list version; beyond 2,000 revocations still valid per site, 409 CONFLICT",
        "tags": Array [
          "gates",
        ],
      },
    },
    "/api/webhooks/{webhookId}/deactivate": Object {
      "post": Object {
        "parameters": Array [
          Object {
            "in": "path",
            "name": "webhookId",
            "required": true,
            "schema": Object {
              "maxLength": 64,
              "minLength": 1,
              "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$",
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/Webhook",
                },
              },
            },
            "description": "Default Response",
          },
          "4XX": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/ErrorBody",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "tags": Array [
          "alarms",
        ],
      },
    },
    "/health": Object {
      "get": Object {
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": Object {},
                  "properties": Object {
                    "status": Object {
                      "enum": Array [
                        "ok",
                      ],
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "status",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "security": Array [],
        "tags": Array [
          "health",
        ],
      },
    },
    "/metrics": Object {
      "get": Object {
        "description": "Prometheus text format 0.0.4.",
        "responses": Object {
          "200": Object {
            "description": "Default Response",
          },
        },
        "security": Array [],
        "tags": Array [
          "health",
        ],
      },
    },
    "/ready": Object {
      "get": Object {
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "status": Object {
                      "enum": Array [
                        "ready",
                        "unavailable",
                      ],
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "status",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
          "503": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "additionalProperties": false,
                  "properties": Object {
                    "status": Object {
                      "enum": Array [
                        "ready",
                        "unavailable",
                      ],
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "status",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Default Response",
          },
        },
        "security": Array [],
        "tags": Array [
          "health",
        ],
      },
    },
  },
  "security": Array [
    Object {
      "bearerAuth": Array [],
    },
  ],
}
`
