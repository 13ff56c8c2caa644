"""The concept lexicon: groups of words and phrases that mean the same thing in interviews about
customer-facing leadership.

A criterion says "get buy-in"; a strong candidate says "I won over the two team leads". Without a
model, paraphrase is caught by mapping both to the same concept. This module is data only: add a
word to a group, or a group, and every check that matches concepts picks it up. Entries are
surface forms; `practice.grading.concepts` stems them once at import.
"""

from __future__ import annotations

CONCEPTS: dict[str, tuple[str, ...]] = {
    "customer": (
        "customer", "client", "user", "consumer", "buyer", "shopper", "subscriber", "end user",
        "account", "patient", "guest", "member",
    ),
    "feedback": (
        "feedback", "voc", "voice of the customer", "complaint", "comment", "review", "verbatim",
        "perspective", "point of view", "recorded call", "call recording",
        "input", "suggestion", "opinion", "what customers said", "survey response", "rating",
    ),
    "listening": (
        "listen", "hear", "heard", "clarify", "clarifying question", "ask question", "asked question",
        "probe", "paraphrase", "summarize", "mirror", "understand", "understood", "pain point",
        "unheard", "attentive", "curious", "dig", "dug", "find out", "found out", "ask", "asked",
        "let him finish", "let her finish", "let them finish", "without interrupting",
    ),
    "empathy": (
        "empathy", "empathetic", "empathize", "compassion", "compassionate", "emotion", "emotional",
        "feel", "feeling", "felt", "frustration", "frustrated", "upset", "angry", "irate", "anxious",
        "in their shoes", "acknowledge", "reassure", "care", "caring", "patience", "patient", "calm",
        "composure", "tone", "lower my voice", "lowered my voice", "steady", "exhausting", "exhausted",
        "stressful", "stressed", "scared", "frightened", "afraid", "i could tell", "tired", "i could see", "must feel", "feel seen", "apologize",
        "apologise", "apologized", "apologised", "sorry",
    ),
    "measurement": (
        "metric", "kpi", "okr", "measure", "measurement", "track", "tracking", "monitor", "dashboard",
        "scorecard", "csat", "nps", "ces", "frt", "aht", "fcr", "sla", "benchmark", "baseline",
        "target", "quantify", "quantification", "quantified", "percent", "percentage", "score",
        "report", "reporting", "number", "figure", "rate", "statistic", "containment",
        "handle time", "net promoter", "satisfaction score",
    ),
    "result": (
        "result", "outcome", "impact", "achieve", "achievement", "deliver", "delivered",
        "success", "successful", "succeed", "payoff", "led to", "resulted", "as a result", "ended up",
        "rose", "grew", "increase", "increased", "decrease", "decreased", "reduce", "reduced",
        "dropped", "fell", "doubled", "tripled", "halved", "jumped", "climbed", "saved",
        "win", "won", "gain",
    ),
    "improvement": (
        "improve", "improvement", "better", "enhance", "optimize", "fix", "upgrade", "raise",
        "boost", "streamline", "simplify", "refine", "iterate", "iteration",
    ),
    "resistance": (
        "resistance", "resist", "resisted", "pushback", "push back", "pushed back", "objection",
        "skeptic", "skeptical", "sceptical", "reluctant", "reluctance", "opposition",
        "oppose", "doubt", "doubter", "friction", "defensive", "refuse", "refused", "veto", "hesitant",
        "hesitation", "naysayer", "didn't want", "did not want", "not on board", "unconvinced",
        "concern", "worried", "fear", "entrenched", "cynical",
    ),
    "obstacle": (
        "obstacle", "encounter", "encountered", "ran into", "run into", "hit a wall", "barrier", "challenge", "difficulty", "difficult", "hurdle", "blocker", "struggle",
        "struggled", "constraint", "limitation", "limited", "problem", "setback", "faced", "face",
        "tough", "hard", "roadblock", "bottleneck", "pressure", "ambiguity",
    ),
    "resolve": (
        "address", "resolve", "resolution", "solve", "solution", "overcome", "tackle", "handle",
        "handled", "deal with", "dealt with", "work through", "worked through", "sort out", "fix",
        "remedy", "mitigate", "unblock", "turn around", "turned around", "navigate", "steer", "defuse",
        "calm down", "calmed down", "de-escalate", "de-escalated",
    ),
    "buy_in": (
        "buy-in", "buy in", "bought in", "convince", "persuade", "align", "alignment", "aligned",
        "agree", "agreement", "sponsor", "champion", "championed", "advocate", "advocacy",
        "win over", "won over", "rally", "bring along", "brought along", "sell", "sold", "pitch",
        "ally", "alliance", "coalition", "endorse", "on board", "show them", "showed them", "onside", "case for",
        "business case", "make the case", "made the case", "position", "persuasive", "compelling",
    ),
    "stakeholder": (
        "stakeholder", "executive", "leadership", "leader", "ceo", "cfo", "cto", "coo", "cro", "vp",
        "vice president", "board", "director", "senior", "exec", "c-suite", "founder",
        "head of", "leadership team", "sponsor", "boss",
    ),
    "change": (
        "change", "transform", "transformation", "shift", "overhaul", "rebuild", "rebuilt",
        "reorganize", "reorganise", "restructure", "redesign", "redesigned", "turnaround", "pivot",
        "reorient", "evolve", "modernize", "reset", "reshape", "replace", "replaced", "introduce",
        "introduced", "rollout", "roll out", "rolled out", "move", "moved", "switch", "new way",
    ),
    "process": (
        "process", "workflow", "procedure", "playbook", "policy", "approval", "handoff", "hand-off",
        "routing", "operation", "operational", "mechanism", "practice", "macro", "runbook", "sop",
        "checklist", "step", "system", "framework", "template", "method", "methodology", "lean",
        "routine", "structure", "queue", "triage",
    ),
    "culture": (
        "culture", "cultural", "value", "values", "norm", "ritual", "habit", "behavior", "behaviour",
        "mindset", "belief", "ethos", "tradition", "morale", "identity", "way we work", "how we work",
        "principle", "customer-first", "customer first", "customer-centric", "customer centric",
        "customer centricity", "customer obsession", "customer focus", "customer-focused",
    ),
    "hiring": (
        "hire", "hiring", "hired", "recruit", "recruiting", "recruitment", "onboard", "onboarding",
        "candidate", "headcount", "profile", "job description", "interview loop", "new joiner",
        "new hire", "ramp", "staff", "staffing",
    ),
    "coaching": (
        "coach", "coaching", "train", "training", "mentor", "mentorship", "mentoring", "develop",
        "development", "enablement", "teach", "taught", "1:1", "one-on-one", "one on one",
        "calibration", "calibrate", "upskill", "workshop", "shadow", "shadowing", "learning sprint",
        "guild", "bench", "stretch role", "career", "growth plan", "development plan",
    ),
    "communication": (
        "communicate", "communication", "announce", "announcement", "brief", "briefing", "briefed",
        "update", "email", "message", "messaging", "explain", "explained", "share", "shared",
        "present", "presentation", "presented", "town hall", "all-hands", "all hands", "memo",
        "newsletter", "inform", "transparent", "transparency", "over-communicate", "status page",
        "talk", "told", "tell", "wrote", "write", "letter", "call", "meeting", "cadence", "standup",
        "stand-up", "slack", "recap", "document", "documentation", "wiki", "conversation", "interaction",
        "exchange", "language", "wording", "phrase",
    ),
    "learning": (
        "learn", "learned", "learnt", "lesson", "takeaway", "retrospective", "retro", "postmortem",
        "post-mortem", "reflect", "reflection", "hindsight", "looking back", "differently",
        "taught me", "realize", "realized", "realised", "insight", "debrief", "debriefed",
        "would do differently", "next time", "apply", "applied", "since then",
    ),
    "cost": (
        "cost", "budget", "roi", "return on investment", "spend", "spending", "expense", "saving",
        "savings", "money", "dollar", "$", "financial", "finance", "price", "pricing", "profit",
        "p&l", "margin", "investment", "invest", "efficiency", "efficient", "productivity",
        "overtime", "cost per contact", "cost-to-serve", "cost to serve", "affordable", "cheap",
        "expensive", "lean",
    ),
    "revenue": (
        "revenue", "sales", "upsell", "expansion", "expand", "expanded", "arr", "nrr", "mrr", "grr",
        "bookings", "pipeline", "deal", "contract", "renew", "renewal", "commercial", "bottom line",
        "top line", "monetize", "lifetime value", "ltv", "revenue risk", "revenue protection",
    ),
    "speed": (
        "speed", "fast", "faster", "quick", "quickly", "response time", "resolution time",
        "first response", "wait", "wait time", "waiting", "backlog", "turnaround time", "latency",
        "delay", "slow", "hour", "minute", "same day", "real time", "real-time", "immediately",
        "urgent", "urgency", "within minutes", "rapid", "sla",
    ),
    "quality": (
        "quality", "qa", "accuracy", "accurate", "rubric", "standard", "excellence", "consistency",
        "consistent", "correct", "correctness", "calibration", "audit", "brand voice", "tone",
        "style guide", "error", "mistake", "defect",
    ),
    "retention": (
        "churn", "churned", "retention", "retain", "retained", "leave", "leaving", "left", "lose",
        "lost", "loss", "cancel", "cancellation", "cancelled", "renew", "renewal", "renewed",
        "loyalty", "loyal", "attrition", "win back", "won back", "stay", "stayed", "threatened to leave",
        "at risk", "at-risk", "save the account", "saved the account", "repeat business", "booked again",
        "came back", "come back", "returned", "returning", "repeat customer", "times since",
    ),
    "escalation": (
        "escalation", "escalate", "escalated", "de-escalate", "de-escalation", "deescalate", "irate",
        "angry", "furious", "upset", "complaint", "complain", "complained", "threatened", "tier 2",
        "shouting", "shouted", "yelling", "yelled", "screaming", "stormed", "rude", "hostile", "abusive",
        "executive complaint", "hot account",
    ),
    "data": (
        "data", "analysis", "analyze", "analyse", "analyzed", "analysed", "analytics", "research",
        "survey", "interview", "interviewed", "study", "evidence", "trend", "pattern", "segment",
        "segmentation", "cohort", "sample", "quantitative", "qualitative", "ticket data", "categorize",
        "categorise", "tag", "tagging", "taxonomy", "log", "usage", "telemetry", "spreadsheet",
        "dataset", "proxy", "signal", "indicator", "funnel", "journey map", "journey mapping",
    ),
    "insight": (
        "insight", "finding", "discover", "discovered", "uncover", "uncovered", "realize", "realized",
        "notice", "noticed", "saw how", "saw it", "saw that", "spot", "spotted", "identify", "identified", "recognize", "recognized",
        "learn", "learned", "found", "theme", "pattern", "aha", "surprise", "surprised",
    ),
    "cross_functional": (
        "cross-functional", "cross functional", "department", "silo", "engineering", "product",
        "sales", "marketing", "finance", "legal", "operations", "ops", "hr", "comms",
        "partner", "partnership", "collaborate", "collaboration", "together", "joint", "jointly",
        "across", "other teams", "working group", "tiger team", "task force", "internally",
        "war room", "bridge", "dev", "eng",
    ),
    "trade_off": (
        "trade-off", "tradeoff", "trade off", "balance", "balanced", "balancing", "prioritize",
        "prioritise", "priority", "priorities", "compete", "competing", "weigh", "weighed", "versus",
        "vs", "tension", "compromise", "short-term", "short term", "long-term", "long term",
        "sacrifice", "give up", "gave up", "forgo", "instead of", "rather than", "at the expense",
        "conflict", "deprioritize", "deprioritise",
    ),
    "decision": (
        "decision", "decide", "decided", "choose", "chose", "chosen", "choice", "criteria",
        "criterion", "judgment", "judgement", "option", "alternative", "evaluate", "evaluated",
        "evaluation", "consider", "considered", "consideration", "factor", "assess", "assessment",
        "weigh", "weighed", "made the call", "scenario", "pros and cons",
    ),
    "sustain": (
        "sustain", "sustained", "sustainable", "ongoing", "over time", "continuous", "continuously",
        "continue", "continued", "maintain", "maintained", "embed", "embedded", "institutionalize",
        "stick", "stuck", "regular", "regularly", "cadence", "recurring", "quarterly", "monthly",
        "weekly", "daily", "every week", "every month", "permanent", "lasting", "years later",
        "a year later", "kept", "keep", "habit", "fresh", "up to date",
    ),
    "recognition": (
        "reinforce", "reinforced", "reinforcement", "recognize", "recognise", "recognition", "reward", "rewarded", "celebrate", "celebrated",
        "celebration", "praise", "praised", "shout-out", "shoutout", "shout out", "award", "bonus",
        "incentive", "promote", "promotion", "promoted", "appreciation", "kudos", "spotlight",
        "thank", "thanked", "public recognition", "wins publicly",
    ),
    "vision": (
        "vision", "strategy", "strategic", "roadmap", "mission", "north star", "goal", "direction",
        "purpose", "ambition", "aspiration", "objective", "long-term plan",
        "blueprint",     ),
    "failure": (
        "fail", "failure", "failed", "setback", "fell short", "fall short", "miss", "missed",
        "mistake", "didn't work", "did not work", "not working", "wasn't working", "flop", "flopped", "underperform", "underperformed",
        "disappoint", "disappointing", "disappointed", "wrong", "backfire", "backfired", "fiasco",
        "shortfall", "below expectations", "short of", "abandon", "abandoned", "shut down", "killed",
    ),
    "initiative": (
        "initiative", "program", "programme", "project", "pilot", "implement", "implemented",
        "implementation", "introduce", "introduced", "put in place", "set up", "rolled out", "roll out",
        "rolled it out", "deployed", "replace", "replaced", "replacing",
    ),
    "reaction": (
        "response", "reaction", "reacted", "thank", "thanked", "thank-you", "grateful", "gratitude",
        "five-star", "referral", "wrote back", "relieved", "delighted",
    ),
    "clarity": (
        "clarity", "clear", "clearly", "plain language", "plain english", "jargon", "concise",
        "what is broken", "who is affected", "what to do",
    ),
    "cadence": (
        "cadence", "update every", "updates every", "every hour", "hourly", "every half hour",
        "at set times", "regular updates", "check-in", "standup", "stand-up",
    ),
    "assessment": (
        "assess", "assessed", "assessing", "assessment", "audit", "audited", "gap analysis", "evaluate",
        "evaluated", "diagnose", "diagnosed", "diagnosis", "map", "mapped", "mapping", "baseline",
        "benchmark", "interview", "interviewed", "survey", "surveyed", "listening tour", "sat in on", "sitting in on", "sit in on",
        "methodology", "every step", "each step", "pareto", "recorded call", "call recording", "ride-along",
        "riding along", "rode along", "whiteboard", "flowchart", "walked through", "walk through", "end to end",
        "shadowed", "contact reason", "contact driver", "where customers got stuck",
    ),
    "root_cause": (
        "root cause", "root-cause", "underlying", "diagnose", "diagnosed", "diagnosis", "cause",
        "five whys", "5 whys", "driver", "source of", "because", "why", "real reason", "real problem",
        "dig into", "dug into", "traced", "trace", "investigate", "investigated",
    ),
    "competitive": (
        "competitive", "competitor", "competition", "advantage", "differentiator", "differentiate",
        "differentiation", "edge", "market share", "win rate", "beat", "unique", "moat", "rival",
        "market", "position", "outperform",
    ),
    "accountability": (
        "accountability", "assign", "assigned", "assignment", "role", "roles", "point person", "raci",
        "incident commander", "designated", "who does what", "dri", "accountable", "ownership", "owner", "responsible",
        "led", "i owned", "my role",
        "responsibility", "performance management", "performance review",         "commitment", "scorecard",
    ),
    "performance": (
        "performance", "perform", "performing", "underperform", "underperforming", "gap",
        "improvement plan", "pip", "review", "feedback", "productivity", "output",
        "high-performing", "high performing",
    ),
    "resources": (
        "resource", "budget", "headcount", "funding", "fund", "funded", "investment", "invest",
        "tool", "tooling", "allocate", "allocated", "capacity", "people", "secure", "secured", "sign-off", "signed off",
    ),
    "technology": (
        "technology", "tech", "tool", "tooling", "software", "platform", "system", "automation",
        "automate", "automated", "ai", "bot", "chatbot", "crm", "zendesk", "intercom", "salesforce",
        "freshdesk", "integration", "integrate", "integrated", "api", "tech stack", "stack",
        "machine learning", "llm", "classifier", "classification", "suggested replies", "macro",
        "ivr", "wfm", "migration", "migrate", "vendor",
    ),
    "self_service": (
        "knowledge base", "kb", "article", "self-service", "self service", "self-serve",
        "help center", "help centre", "faq", "documentation", "content", "deflection", "deflect",
        "search", "how-to", "guide", "tutorial", "video", "screenshot",
    ),
    "channel": (
        "channel", "phone", "chat", "email", "social", "async", "asynchronous", "synchronous",
        "live chat", "messaging", "sms", "callback", "voice", "omnichannel", "in-app",
    ),
    "forecast": (
        "forecast", "forecasting", "volume", "capacity", "scenario", "modeling", "modelling", "model",
        "schedule", "scheduling", "coverage", "shift", "wfm", "peak", "best case", "worst case",
        "base case", "projection", "predict", "estimate", "trigger", "threshold",
    ),
    "incident": (
        "outage", "incident", "downtime", "crisis", "bug", "status page", "war room", "bridge",
        "postmortem", "post-mortem", "workaround", "broken", "sev1", "sev 1", "recovery",
        "restore", "restored", "emergency",
    ),
    "launch": (
        "launch", "launched", "release", "released", "rollout", "roll out", "go-live", "go live",
        "ship", "shipped", "beta", "soft launch", "readiness", "launch-ready", "dogfooding", "pilot",
    ),
    "team": (
        "team", "staff", "agent", "employee", "people", "colleague", "direct report",         "rep", "representative", "crew", "squad", "specialist", "lead", "team lead", "frontline",
    ),
    "empowerment": (
        "empower", "empowered", "autonomy", "autonomous", "delegate", "delegated", "trust",
        "trusted", "clarity", "clear", "decisive", "servant", "psychological safety", "safe",
        "authentic", "authenticity", "honest", "self-aware", "vulnerable",
    ),
    "adapt": (
        "adapt", "adapted", "flexible", "flexibility", "adjust", "adjusted", "pivot", "pivoted",
        "course-correct", "course correct", "change course", "iterate", "re-sequence",
        "resequence", "re-prioritize", "reprioritize", "reprioritise", "ambiguity", "uncertain",
        "overnight", "evolve",
    ),
    "remote": (
        "remote", "remote-first", "distributed", "async", "virtual", "hybrid", "time zone",
        "timezone", "office hours", "video call", "zoom", "connection", "connected",
    ),
    "coverage": (
        "follow-the-sun", "follow the sun", "bpo", "outsource", "outsourced", "outsourcing",
        "vendor", "contractor", "offshore", "nearshore", "extended hours", "international",
        "global", "region", "regional", "24/7", "around the clock", "overnight", "weekend",
        "coverage", "in-house",
    ),
    "journey": (
        "journey", "journey map", "journey mapping", "journey point", "touchpoint", "touch point",
        "lifecycle", "life cycle", "stage", "moment of truth", "onboarding", "billing", "checkout",
        "renewal", "signup", "sign-up", "first week",
    ),
    "new_role": (
        "stepping in", "step in", "stepped in", "new role", "new job", "first 90 days", "first 30 days",
        "first day", "first week", "first month", "get to know", "got to know", "learn the product",
        "learn about the product", "listening tour", "take over", "took over", "settle in", "ramp up",
        "joined", "when i join", "meet everyone", "meet the team", "inherit", "inherited", "new hire",
    ),
    "context": (
        "situation", "context", "background", "initially", "initial", "at the time", "prompted",
        "trigger", "triggered", "when i joined", "when i took over", "inherited", "originally",
        "back then", "previously", "starting point", "at my last", "at my previous",
    ),
    "need": (
        "need", "needs", "pain point", "pain", "want", "wanted", "expectation", "requirement",
        "desire", "wish", "goal", "job to be done", "jobs to be done", "struggle", "problem",
        "unmet", "request", "requested",
    ),
    "problem": (
        "problem", "slip", "slipped", "slipping", "falling", "sliding", "lagging", "stuck", "rising complaints", "issue", "gap", "broken", "bug", "error", "defect", "friction", "poor", "bad",
        "decline", "declining", "drop", "dropped", "low", "worse", "worst", "slow", "backlog",
        "complaint", "pain", "failing", "hurting", "suffering", "frustrating",
    ),
    "engagement": (
        "visit", "visited", "site visit", "meet", "met", "call", "called", "phoned", "shadow",
        "shadowed", "ride-along", "sit in", "sat in", "sat with", "spent time", "spend time",
        "customer advisory board", "advisory board", "roundtable", "user group", "focus group",
        "interview", "interviewed", "on-site", "onsite", "in person", "face to face", "face-to-face",
        "connect", "connection", "engage", "engaged", "engagement", "reach out", "reached out",
        "talked to", "spoke with", "spoke to",
    ),
    "anticipation": (
        "anticipate", "anticipated", "proactive", "proactively", "foresee", "foresaw", "predict",
        "predicted", "before they", "before it", "early warning", "prevent", "prevented", "preempt",
        "pre-empt", "ahead of", "unmet", "latent", "didn't know", "did not know", "hadn't asked",
        "leading indicator", "upstream",
    ),
    "extra_effort": (
        "above and beyond", "extra mile", "extra effort", "out of my way", "out of our way",
        "weekend", "late at night", "personally", "myself", "on my own time", "drove", "flew",
        "stayed late", "went further", "assist", "help", "helped",
    ),
    "mitigation": (
        "mitigate", "mitigation", "minimize", "minimise", "soften", "workaround", "credit",
        "credits", "refund", "refunded", "compensate", "compensation", "grace period",
        "transition plan", "discount", "waive", "waived", "grandfather", "grandfathered",
        "rollback", "roll back", "low-risk", "low risk", "safeguard", "guardrail", "opt-out",
        "opt out", "fallback", "dual", "parallel", "phased", "phase", "no extra charge", "free of charge",
        "at no cost", "complimentary", "upgrade", "upgraded", "goodwill gesture",
    ),
    "closing_loop": (
        "close the loop", "closed the loop", "closing the loop", "follow up", "followed up",
        "follow-up", "follow through", "followed through", "get back", "got back", "recap",
        "respond", "responded", "reply", "replied", "let them know", "told them", "feedback loop",
    ),
    "plan": (
        "plan", "planning", "phase", "phased", "roadmap", "milestone", "first 30 days", "30 days",
        "60 days", "90 days", "30-60-90", "quick win", "early win", "foundation", "week one",
        "first week", "first month", "step", "sequence", "timeline", "checklist",
    ),
    "prioritization": (
        "prioritize", "prioritise", "prioritization", "priority", "priorities", "ruthless",
        "ruthlessly", "focus", "focused", "triage", "rank", "ranked", "matrix", "stop doing",
        "stopped", "deprioritize", "deprioritise", "pause", "paused", "cut", "say no", "said no",
            ),
    "innovation": (
        "innovate", "innovation", "innovative", "new product", "new service", "feature", "idea",
        "experiment", "pilot", "prototype", "test", "tested", "mvp", "invent", "launch", "build",
        "built", "create", "created", "design", "designed", "opportunity",
    ),
    "scale": (
        "scale", "scalable", "scalability", "scaling", "growth", "grow", "grew", "high-growth",
        "startup", "start-up", "hypergrowth", "fast-growing", "growing", "expand", "foundation",
    ),
    "motivation": (
        "motivate", "motivated", "motivation", "excited", "excite", "excites", "passion",
        "passionate", "mission", "purpose", "why", "drawn", "inspire", "inspired", "care about",
        "believe", "because", "did not want", "didn't want", "could not let", "couldn't let",
        "felt compelled",
    ),
    "role_model": (
        "role model", "role-model", "role-modeled", "modeled", "modelled", "lead by example",
        "led by example", "walk the talk", "myself", "personally", "example", "show", "showed",
        "demonstrate", "demonstrated", "i did it first", "alongside",
    ),
    "knowledge_sharing": (
        "knowledge sharing", "share", "shared", "document", "documented", "documentation", "wiki",
        "showcase", "story", "stories", "playbook", "write things down", "decision log", "pair",
        "paired", "brown bag", "demo", "customer quote", "customer story", "planning meeting", "team meeting",
        "all-hands", "all hands", "town hall", "readout", "read out",
    ),
    "leadership_style": (
        "leadership philosophy", "leadership style", "leadership approach", "philosophy", "how i lead",
        "the way i lead", "learned to lead", "learn to lead", "lead with", "as a leader", "my leadership",
    ),
    "representativeness": (
        "representative", "representativeness", "sample", "sampling", "bias", "biased", "valid",
        "validity", "validate", "loudest", "segment", "random", "statistically", "significant",
        "cross-section", "diverse", "across segments", "quiet customers",
    ),
    "expectations": (
        "expectation", "expectations", "commitment", "commit", "promise", "promised", "overpromise",
        "over-promise", "realistic", "set expectations", "setting expectations", "managed expectations",
        "unreasonable", "honest", "honesty", "timeline", "eta", "deadline",
    ),
    "relationship": (
        "relationship", "trust", "rapport", "credibility", "loyalty", "partnership", "long-term",
        "goodwill", "reputation", "lifetime", "bond",
    ),
    "organization": (
        "organization", "organisation", "company", "org", "company-wide", "organization-wide",
        "organisation-wide", "business unit", "division", "enterprise", "across the company",
        "whole company", "firm", "group", "global", "board", "p&l", "headquarters",
    ),
    "business": (
        "business", "commercial", "company", "firm", "bottom line", "shareholders", "profit",
    ),
    "community": (
        "community", "communities", "network", "peer", "peers", "conference", "roundtable",
        "meetup", "forum", "podcast", "newsletter", "book", "course", "read", "reading",
    ),
    "use_case": (
        "use case", "classification", "classify", "suggested reply", "suggested replies", "chatbot",
        "bot", "triage", "intent", "intent detection", "password reset", "order status", "routing",
        "low-risk", "simple", "reversible", "repetitive", "human",
    ),
    "guardrail": (
        "guardrail", "guard rail", "line", "draw the line", "limit", "boundary", "opt-out", "opt out",
        "human", "handoff", "escalate to a human", "never", "risk", "safety",         "oversight", "complex", "emotionally charged", "sensitive",
    ),
    "effort": (
        "effort", "customer effort", "ces", "friction", "easy", "easier", "steps", "recontact",
        "repeat contact", "handle time", "simpler", "fewer", "hassle",
    ),
}

GENERIC_CONCEPTS = frozenset({"customer", "team", "business", "organization", "improvement", "communication", "change"})
"""Concepts nearly every answer and criterion in this domain mentions: matching them says little,
so they weigh a fraction of the others and alone never make a criterion partial."""

GENERIC_WEIGHT = 0.35

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each even ever every
    few for from further had has have having he her here hers him his how i i'd i'll i'm i've if
    in into is it it's its itself just let me more most much my myself no nor not now of off on
    once one only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under until
    up us very was we we'd we'll we're we've were what when where which while who whom why will
    with would you your yours yourself e.g eg i.e ie etc via per""".split()
)
"""Words too common to say anything about a topic."""

CRITERION_BOILERPLATE = frozenset(
    """approach specific specifically way ways key terms term nature kind type types method methods their they
    them how what any both various particular certain potential ultimate capacity""".split()
)
"""Words criteria use to frame an area ("Their approach to…", "The specific ways…") that an
answer would not repeat."""

INSTRUCTION_VERBS = frozenset(
    """show specify describe outline explain highlight share emphasize include cover be mention
    connect tie demonstrate discuss give""".split()
)
"""A criterion written as advice ("show how you…", "share trade-offs") starts with one of these;
the verb is advice to the candidate, not part of the area."""


CRITERION_ROLE_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Phrases that look like a role but name a topic: "the outcome OF THE SITUATION" asks for the
    # outcome, "prioritize BY IMPACT" for a way of deciding. They are read first and mean nothing.
    ("of the situation", ()), ("from the situation", ()), ("emotional situations", ()), ("their situation", ()),
    ("customer impact", ()), ("customer outcomes", ()), ("by impact", ()),
    # What came before: the scene, and the goal.
    ("situation", ("situation",)), ("context", ("situation",)), ("initial", ("situation",)),
    ("prompted", ("situation",)), ("background", ("situation",)), ("faced", ("situation",)),
    ("what happened", ("situation",)),
    # Changes made in something are what the candidate did ("changes in strategy … that resulted").
    ("changes in", ("action",)),
    ("objective", ("task",)), ("goal of", ("task",)), ("mandate", ("task",)), ("responsibility", ("task",)),
    # What stood in the way; a shortfall is also what came of it.
    ("resistance", ("obstacle",)), ("challenge", ("obstacle",)), ("challenges", ("obstacle",)),
    ("obstacle", ("obstacle",)), ("obstacles", ("obstacle",)), ("objections", ("obstacle",)),
    ("setback", ("obstacle",)), ("pressure", ("obstacle",)), ("silos", ("obstacle",)),
    ("limitations", ("obstacle",)), ("constraints", ("obstacle",)), ("conflict between", ("obstacle",)),
    ("fell short", ("obstacle", "result")), ("failure", ("obstacle", "result")),
    # What came of it.
    ("result", ("result",)), ("results", ("result",)), ("resulted", ("result",)), ("the impact", ("result",)),
    ("impact on", ("result",)), ("impact of", ("result",)), ("quantify impact", ("result",)),
    ("outcome", ("result",)), ("outcomes", ("result",)), ("resolution", ("result",)), ("achieved", ("result",)),
    ("response", ("result",)), ("evidence that", ("result",)), ("took hold", ("result",)), ("a win", ("result",)),
    # What they took from it, and what they did to make it last or to use it later.
    ("learned", ("lesson",)), ("learning", ("lesson",)), ("lesson", ("lesson",)), ("lessons", ("lesson",)),
    ("taught", ("lesson",)), ("reflection", ("lesson",)), ("philosophy", ("lesson",)),
    ("applied these lessons", ("sustain",)), ("subsequent", ("sustain",)), ("sustain", ("sustain",)),
    ("sustained", ("sustain",)), ("over time", ("sustain",)), ("ongoing", ("sustain",)),
    ("maintain", ("sustain",)), ("continued", ("sustain",)), ("protected", ("sustain",)),
    ("extended", ("sustain",)), ("keep", ("sustain",)), ("reinforce", ("sustain",)),
    # What they did: verbs of doing. They add to any other role ("resistance … and how they
    # ADDRESSED it").
    ("implemented", ("action",)), ("implementing", ("action",)), ("implement", ("action",)),
    ("took", ("action",)), ("taken", ("action",)), ("used", ("action",)), ("use", ("action",)),
    ("leveraged", ("action",)), ("addressed", ("action",)), ("handled", ("action",)), ("shared", ("action",)),
    ("communicated", ("action",)), ("gathered", ("action",)), ("collected", ("action",)), ("built", ("action",)),
    ("established", ("action",)), ("created", ("action",)), ("creating", ("action",)), ("integrated", ("action",)),
    ("incorporated", ("action",)), ("secured", ("action",)), ("mapping", ("action",)), ("analyzing", ("action",)),
    ("diagnosed", ("action",)), ("diagnose", ("action",)), ("mitigate", ("action",)), ("modeled", ("action",)),
    ("role-modeled", ("action",)), ("recognized", ("action",)), ("engaging", ("action",)), ("engaged", ("action",)),
    ("convinced", ("action",)), ("aligned", ("action",)), ("developed", ("action",)), ("proposed", ("action",)),
    ("discovered", ("action",)), ("assessed", ("action",)), ("their role in", ("action",)), ("respond", ("action",)),
    ("navigate", ("action",)),
    ("translating", ("action",)), ("overcoming", ("action",)), ("overcome", ("action",)), ("advocating", ("action",)),
)
"""What part of an answer a criterion asks for, from its wording. Matched as whole words, longest
phrase first; a criterion may ask for several parts ("The ultimate outcome and what they learned")."""

CRITERION_ACTION_FRAMES = (
    "how they", "how you", "approach", "process", "strategy", "steps", "methods", "methodology", "ways", "ensured",
)
"""Framing that asks for what was done ("How they…", "Their approach to…") when the criterion names
no other part: "How they SUSTAINED…" asks for sustaining, not for any action."""


CRITERION_VERB_CONCEPTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("shared", "share"), ("knowledge_sharing", "communication")),
    **dict.fromkeys(("communicated", "communicate"), ("communication",)),
    **dict.fromkeys(("sustained", "sustain", "maintained", "maintain", "continued"), ("sustain",)),
    **dict.fromkeys(("assessed", "assess", "evaluated", "evaluate"), ("assessment",)),
    **dict.fromkeys(("diagnosed", "diagnose"), ("assessment", "root_cause")),
    **dict.fromkeys(("identified", "identify", "discovered", "discover"), ("insight",)),
    **dict.fromkeys(("secured", "secure"), ("resources",)),
    **dict.fromkeys(("aligned", "align", "convinced", "convince"), ("buy_in",)),
    **dict.fromkeys(("balanced", "balance"), ("trade_off",)),
    **dict.fromkeys(("addressed", "address", "handled", "handle"), ("resolve",)),
    **dict.fromkeys(("applied", "apply"), ("learning",)),
    **dict.fromkeys(("implemented", "implement"), ("initiative",)),
    **dict.fromkeys(("measured", "measure"), ("measurement",)),
    **dict.fromkeys(("recognized", "celebrated", "reinforced", "reinforce"), ("recognition",)),
    **dict.fromkeys(("modeled", "modelled"), ("role_model",)),
    **dict.fromkeys(("adjusted", "adjust"), ("adapt",)),
}
"""What doing the verb of a "How they …" criterion looks like in an answer: "How they SHARED what
they learned" is met by a sentence that shares (a customer quote read at every planning meeting),
not by one that only says what was learned. Only verbs whose concept is the doing itself are
listed ("built" names any building, not building alliances)."""
