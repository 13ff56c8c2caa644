"""The ways people really state each STAR part, in voices the grader was not tuned on: a brief
someone handed down, a deadline, a thing that "landed on my desk", a result told as what people
did afterwards; and what only sounds like one (a general claim, a goal, the problem's figure).

Each sentence is read alone, in the middle of a story (not as its opening, which sets the scene
by position alone)."""

from __future__ import annotations

import pytest

from practice.grading import signals
from practice.grading.feedback import CriterionStatus

from .shipped import grade


def _cues(sentence: str) -> frozenset[str]:
    normal = signals.normalise(sentence)
    found = signals.actions(normal, frozenset(normal.split()), skip_role_statements=True)
    return signals.sentence_cues(normal, has_action=bool(found), opening=False)


def _opening_cues(sentence: str) -> frozenset[str]:
    normal = signals.normalise(sentence)
    found = signals.actions(normal, frozenset(normal.split()), skip_role_statements=True)
    return signals.sentence_cues(normal, has_action=bool(found), opening=True)


def _told(sentence: str) -> bool:
    normal = signals.normalise(sentence)
    return signals.told(normal, signals.actions(normal, skip_role_statements=True))


@pytest.mark.parametrize(
    "sentence",
    [
        "The brief from the COO was simple: get the backlog under a thousand before Black Friday.",
        "So it landed on my desk to sort out.",
        "I'd been brought in specifically to fix onboarding.",
        "Our target that quarter was a CSAT of 90.",
        "The plan was to move every customer to the new platform by March.",
        "I was the person who had to tell the client.",
        "My manager gave me two weeks to come up with a fix.",
        "It was down to me to decide whether we'd refund.",
        "I took it upon myself to call every affected customer.",
        "Basically I was on the hook for the renewal.",
        "My part was to own the communication with the hospital trust.",
        "The ask from leadership was to cut cost per contact by a fifth.",
        "I had a week to turn it around.",
        "We had been told to reduce headcount without hurting service.",
        "I made it my goal to answer every complaint personally.",
        "I needed the engineers to take customer pain seriously.",
        "My objective, honestly, was just to stop the bleeding.",
        "Keeping that customer was my number one priority.",
        "My remit covered all three contact centres.",
        "I had one goal: get the patient seen before the end of the shift.",
        "I was the support manager, so it landed with me.",
        "My lead was out and I sort of ended up on it.",
        "I was on call, and I needed it fixed before the morning peak.",
        "I didn't want to lose him over sixty pounds.",
        "What I wanted: every manager able to name their top three complaints.",
        "I wanted us to think more about the customer than the stopwatch.",
        "I wanted a team where every customer leaves with their problem solved, not just a short call.",
        "I was his teacher and his advisor, so honestly if anyone was going to move the needle it had to be me.",
        "I was second in department, and one of my jobs was running moderation for the coursework.",
        "What I wanted was a team that thought of itself as the customers' advocate.",
        "I decided I'd try to get her medication sorted that night.",
        "I was the only agent on the desk that night, so he was mine to deal with.",
        "That target was given to me directly.",
        "I am the night manager so it was my problem to fix.",
        # a commitment made before the story's action is the candidate's task
        "I'd promised his head of year I'd try everything in my own classroom first.",
        "I had committed to the board that we would hold cost per order flat.",
        # someone else's demand, a quota the candidate was short of, a boss's ultimatum
        "The ask from my VP is to come back with a plan to sunset it by Q3.",
        "Quarter end, and I was 22 lakhs short of my upsell number.",
        "My GM basically said fix it or we're bringing someone in.",
    ],
)
def test_a_stated_task_is_found_however_it_is_said(sentence: str) -> None:
    assert "task" in _cues(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "I think the goal of support is to make customers happy.",  # a view of support, not a task
        "Usually I just listen and then fix it.",
        "The customer wanted a refund.",
        # a promise kept as a test of the decision, and a commitment made as the action
        "I used three criteria: would it hurt existing customers, could we deliver what we promised.",
        "I committed my team to a usage plan to get them to two-thirds adoption.",
    ],
)
def test_a_general_view_is_not_a_task(sentence: str) -> None:
    assert "task" not in _cues(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "So, we're a small team, eight people, supporting about 3,000 restaurants.",
        "We'd just been acquired and the two support teams had completely different tools.",
        "Our biggest client, a retail chain, was threatening to leave.",
        "One Friday evening a customer called in furious because her order hadn't arrived.",
        "I was about six months into my first management job.",
        "Our contact centre handles around 20,000 calls a week.",
        "At the startup I was at, support was me and one other person.",
        "This was at a call centre in Glasgow where I handled broadband complaints.",
        "Like that New Year's Eve when our head bartender called in sick an hour before doors.",
        "Last April one junior developer joined our payments team straight from college.",
        # a role and a place said in the present, as a story told in the present sets its scene
        "I'm director of support at a small accounting software company, and we still have an old desktop app.",
    ],
)
def test_the_scene_is_found_in_a_role_a_place_or_a_moment(sentence: str) -> None:
    assert "situation" in _cues(sentence)


@pytest.mark.parametrize(
    "opening",
    [
        "When I became shift supervisor at the depot, I wanted every driver to know the week's complaints.",
        "After two failed releases in a row, the head of product and I argued about code freezes.",
        "A regional manager asked me to take over the returns desk for the Christmas peak.",
        "Background: a 40-seat contact centre, two sites, and an NPS that had fallen for three quarters.",
        "A hotel guest rang reception saying the heating was broken, which usually means a tripped switch.",
        "Picture the pharmacy where I worked, a queue out of the door and one pharmacist off sick.",
        "Saturday night, full house, 140 covers, and the pass went down: our ticket printer died at eight.",
        "So I'm a shift lead at a parcel depot just outside Dallas, and we run about sixty people overnight.",
        "I am working as a staff nurse in ICU in a government hospital in Chennai since 2019.",
        "I was covering for the ward manager on a Sunday when a patient's family started shouting at the desk.",
    ],
)
def test_an_opening_that_sets_a_time_a_place_or_someone_elses_doing_is_the_scene(opening: str) -> None:
    """Whatever else the opening sentence does (the candidate's goal, their first step), a clause
    of time or place or another person's doing sets the scene."""
    assert "situation" in _opening_cues(opening)


@pytest.mark.parametrize(
    "opening",
    [
        "I usually start by listening to the customer before I say anything.",
        "I have always been good with angry people.",
        "I'm very customer focused, and I'm good at calming people down.",
        # a view, a tendency or a condition, whatever tense its verbs are in
        "I think conflict is healthy if it's handled in the right way.",
        "Basically, I believe every customer deserves to be treated like a guest.",
        "I tend to stay calm, because shouting back never helps anybody.",
        "Leadership for me means making your team look good.",
        "Normally in finance you reconcile the accounts before you report anything.",
        # a question said back, or a claim that only looks like a verbless scene
        "Oh, conflict, yeah.",
        "Honestly, angry customers don't really faze me.",
        "I cut the backlog from 900 tickets to 60 in six weeks.",
        "What I learned from that year is that people follow a clear goal.",
    ],
)
def test_an_opening_habit_claim_result_or_lesson_is_not_the_scene(opening: str) -> None:
    assert "situation" not in _opening_cues(opening)


def test_a_duration_is_not_a_moment() -> None:
    assert "situation" not in _cues("My goal was to bring first replies under one day.")


@pytest.mark.parametrize(
    "sentence",
    [
        "By March the backlog was gone and it has stayed under a day since.",
        "The complaint was withdrawn and the family asked for me by name on the next visit.",
        "Nobody missed payroll that month.",
        "The patient's family wrote to the trust to say thank you.",
        "After that, escalations basically stopped.",
        "Our NPS went from minus five to plus twenty.",
        "The agents voted it the best change of the year.",
        "The CEO asked me to roll it out to the other sites.",
        "We landed the contract a week before the deadline.",
        "Response times hit 98% inside target for the first time.",
        "Three months later the clinic passed its infection-control audit.",
        "We never saw a duplicate invoice again.",
        "The cut-over went through with zero downtime.",
        "Defects are down to two a release.",
        "Now every new starter shadows a senior agent for a week.",
        "The team had it running by the following sprint.",
        "He picked it up that evening and actually apologised for shouting.",
        "A year on, the callback review is still run by the team leaders themselves.",
        "The client was happy about it.",
        "The next fall he asked to be in my class again.",
        "But after a while they started bringing their own stories.",
        "The launch went smoothly.",
        "We didn't lose a single customer.",
        "The team adopted it within a month.",
        "The audit came back clean.",
        "The error rate is now under 1%.",
        "Satisfaction is at 92% now.",
        "She became one of our biggest advocates.",
        "They never missed another payment.",
        "By the summer 19 of the 26 passed the test, and one of the boys asked to stay in my set.",
        # thanks told, by whoever it was the story was for
        "He said thank you and shook my hand.",
        "The guests thanked the whole team.",
        "The parents wrote to the head to say how much it had helped.",
        "The student came back to say she had passed.",
        # a system told as recovered
        "Once it was in, I watched the error rate go back to zero.",
        "The p99 latency was back under 300 milliseconds within the hour.",
        # an outcome told as what did not happen, or what came of it later
        "That quarter we lost no customers at all.",
        "The deal closed in March at full price.",
        "The student went on to get into the college she wanted.",
        "We got the release out and no customer noticed.",
        "After about six weeks he was writing full answers and his next test came back as a 4.",
        "The other teachers copied the word bank idea.",
        # what has not happened since, what stopped, how long things went without a problem
        "Nobody has asked for a refund since.",
        "Things got smoother after that, and the yelling mostly stopped.",
        "The ward went three months without a fall.",
        "Most of them moved over by the deadline.",
        "We lost a handful, I think four or five accounts.",
        "By February he hadn't been removed once since half-term, and in the summer he moved up a set.",
        # from sentences written blind, across fields, as candidates end their stories
        "The patient was transferred to cardiology and made a full recovery.",
        "The director presented the corrected deck, and the board approved the budget.",
        "Honestly the kid turned it around, he was handing in homework every week by Easter.",
        "So the mistake never reached the customer.",
        "The customer gave us a five-star review and mentioned me by name.",
        "That colleague and I are still good friends actually.",
        "The library now runs a homework club three evenings a week.",
        "We cleared the backlog of 600 tickets in just under a week.",
        "The migration completed over the weekend with no data loss.",
        "Ofsted came back eighteen months later and rated us good.",
        "We made our covenant with a small margin, and the bank extended the facility.",
        "We missed the French deadline by two weeks, but 90 percent of the features were ready on day one.",
        "After that, the two of them actually started working together on projects.",
        "The branch came off the closure list.",
        "Management made it the standard process for the whole region.",
        "Guests got their rooms by 2am and the hotel didn't get a single formal complaint.",
    ],
)
def test_a_result_is_found_as_a_figure_or_as_what_people_did_afterwards(sentence: str) -> None:
    assert "result" in _cues(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "I wanted churn to drop to 5%.",
        "We planned to cut costs by 10% that year.",
        "Our churn had climbed to 18% over the year.",  # the problem, not the result
        "The backlog had grown to 3,000 tickets.",
        "Churn had already climbed to 18 percent by the time I joined.",
        "Only 30 percent of the invoices were being paid on time back then.",
        "I refunded the extra charge and raised a ticket with billing to stop it repeating.",
        "We needed to hit 95% inside target by June.",
        "If we got the contract, I would hire two people.",
        "It's important to have somebody like that in the room, because at the end of the day customers pay us.",
        "There have been many students who were weak at first and improved a lot by the end of the year.",
        "We came up with three options: slots at a surcharge, live tracking or leaving it as it was.",  # an action
        "My manager kept the support team in the loop so they could answer customers.",  # an action
        "When we hired, we dropped the typing test and did a role play instead.",  # an action
    ],
)
def test_a_goal_or_the_problem_is_not_a_result(sentence: str) -> None:
    assert "result" not in _cues(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "So I rang her back myself that afternoon.",
        "What I did was get the two leads in a room and map the hand-offs on a whiteboard.",
        "I basically rewrote the escalation guide over a weekend.",
        "Me and the product manager went through every complaint together.",
        "And then I read every support ticket from one month, around 900, and tagged them by step.",
    ],
)
def test_an_action_is_told_in_everyday_frames(sentence: str) -> None:
    assert _told(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "- Picked two measures with them: Net Promoter and complaints closed within 48 hours.",
        "Gave each supervisor first-contact resolution as their number, reported weekly.",
        "Called the customer back within the hour.",
        "The queue was huge; rewrote the triage rules that night.",
    ],
)
def test_an_action_told_without_its_subject_is_the_candidates(sentence: str) -> None:
    assert _told(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ran a team of three supervisors at a utilities call centre.",
        "Asked to lead the project, I agreed to nothing until I had seen the numbers.",
        "Based on the survey, the team was unhappy.",
        "Needed a fix fast.",
    ],
)
def test_a_role_a_brief_or_a_participle_without_a_subject_is_no_action(sentence: str) -> None:
    normal = signals.normalise(sentence)
    assert not any(
        normal[start:end].split()[0] in ("ran", "asked", "based", "needed")
        for _, start, end in signals.actions(normal, skip_role_statements=True)
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "I usually listen first.",
        "I'd call the customer back.",
        "I have handled many.",
        "I always put the customer first.",
        "I wouldn't try to deal with it myself.",
    ],
)
def test_habits_plans_and_claims_are_not_told_actions(sentence: str) -> None:
    assert not _told(sentence)


@pytest.mark.parametrize(
    "sentence", ["I always put the customer first.", "We usually called them back within the hour."]
)
def test_a_habit_tells_nothing_that_happened_whatever_its_verbs_form(sentence: str) -> None:
    assert not _told(sentence)
    assert not signals.narrates(signals.normalise(sentence))


VAGUE_RESULT = (
    "At my last job the team was not very customer focused and our survey scores were the lowest in the region. "
    "I ran a workshop with the four team leads and we rewrote the call guide together. "
    "After a few months things got better and the customers seemed happier."
)
PRECISE_RESULT = VAGUE_RESULT.replace(
    "After a few months things got better and the customers seemed happier.",
    "After four months our survey score went from 61% to 78%.",
)


@pytest.mark.parametrize(
    "general_outcome",
    [
        "After a few months things got better and the customers seemed happier.",
        "After a few months complaints about the team reduced a lot.",
    ],
)
def test_an_outcome_told_only_in_general_words_touches_on_results_but_does_not_show_them(
    question, general_outcome: str
) -> None:
    results = "a7"  # ccl-01: "Results achieved in terms of both customer outcomes and business impact"
    answer = VAGUE_RESULT.replace(VAGUE_RESULT.split(". ")[-1], general_outcome)
    vague = {item.criterion_id: item for item in grade(question("ccl-01"), answer).criteria}
    precise = {item.criterion_id: item for item in grade(question("ccl-01"), PRECISE_RESULT).criteria}
    assert vague[results].status == CriterionStatus.partial
    assert precise[results].status == CriterionStatus.covered


@pytest.mark.parametrize(
    "sentence",
    [
        "I would offer a refund if it made sense and I'd follow up a week later to check they were happy.",
        "My teams have always delivered great results and improved satisfaction.",
        "Usually the customer calms down in the end.",
        "If the pilot worked, churn would fall by 5%.",
    ],
)
def test_a_plan_a_condition_or_a_claim_is_not_a_result(sentence: str) -> None:
    assert "result" not in _cues(sentence)
    assert not signals.star_parts(sentence)["result"]  # the live meter agrees


@pytest.mark.parametrize(
    "sentence",
    [
        "She opened by telling me we were the worst company she'd ever dealt with.",
        "He opened with a list of everything we had got wrong.",
    ],
)
def test_how_a_caller_opened_the_conversation_is_not_an_outcome(sentence: str) -> None:
    assert "result" not in _cues(sentence)
    assert signals.star_parts("She opened on time and later wrote to my manager.")["result"]


def test_the_story_starts_after_a_filler(question) -> None:
    """ "Sure." says nothing: the scene is the sentence after it."""
    assert signals.opening_index(["sure.", "so, i had this one student in my english class."]) == 1
    assert signals.opening_index(["um, yes, okay.", "great question!", "we had an outage."]) == 2
    assert signals.opening_index(["i had this one student."]) == 0
    answer = (
        "Sure. So, I had this one student, I'll call him Marcus, in my ninth-grade English class. He was "
        "failing by the end of the first quarter. I started giving him choices on what to read and emailed "
        "his mom. By the end of the year he passed the class."
    )
    assert grade(question("emp-03"), answer).star.situation.present
    assert signals.star_parts(answer)["situation"]


PRESENT_STORY = (
    "Last winter a restaurant owner rang us, furious, because his card terminal had died on a Friday night. "
    "I was the shift lead on the phones. So I take the call myself and I let him vent for a minute. "
    "Then I book an engineer for seven the next morning and I courier him a spare terminal within two hours. "
    "I ring him back at ten to check it works. He renewed his contract the next spring."
)
PRESENT_HABITS = (
    "Last winter a restaurant owner rang us, furious, because his card terminal had died on a Friday night. "
    "Normally I take the call myself and let the customer vent for a minute. "
    "Whenever a customer is angry I book an engineer for the next morning. "
    "Every time I ring them back the next day to check it works."
)


def test_a_story_told_in_the_present_tells_the_candidates_actions(question) -> None:
    """ "So I take the call myself. Then I book an engineer." is how many people tell a story once
    it has started: the actions count as told, for the STAR breakdown, the live meter and the
    count of things the candidate did; the same verbs said as habits do not."""
    told = grade(question("emp-03"), PRESENT_STORY)
    assert told.star.action.present and told.star.action.evidence == (
        "So I take the call myself and I let him vent for a minute."
    )
    assert told.specificity.first_person_actions == 5
    assert "I book an engineer for seven the next morning" in told.specificity.concrete_actions
    assert signals.star_parts(PRESENT_STORY)["action"]

    habits = grade(question("emp-03"), PRESENT_HABITS)
    assert not habits.star.action.present
    assert not signals.star_parts(PRESENT_HABITS)["action"]


CLAIMS_ONLY = (
    "Exceeding expectations is kind of my default setting. Every role I've had, I've outperformed. "
    "I set my own targets higher than my manager's. I've handled hundreds of difficult accounts."
)
HOW_I_WORK = (
    "At the warehouse I just keep it professional. I do my job and they do theirs. I keep my head down "
    "and I get on with the pick list. Last year I was picker of the month."
)


def test_a_record_and_a_way_of_working_tell_no_action(question) -> None:
    """ "I set my own targets higher" could be past or present: with nothing else told in the past
    (a record — "I've outperformed" — is not), it is how the candidate works. Present-tense
    actions before anything has happened are a way of working, not a story told in the present."""
    assert not grade(question("emp-04"), CLAIMS_ONLY).star.action.present
    assert not signals.star_parts(CLAIMS_ONLY)["action"]
    # The same verb in a sentence that tells what happened is a story's action.
    story = "When our backlog doubled I set up a triage rota and first replies fell from 9 to 2 hours."
    assert grade(question("emp-04"), story).star.action.present
    assert signals.star_parts(story)["action"]
    assert not signals.narrates(signals.normalise("I've handled hundreds of difficult accounts."))
    assert not grade(question("emp-04"), HOW_I_WORK).star.action.present
    assert not signals.star_parts(HOW_I_WORK)["action"]


def test_a_time_in_the_opening_belongs_to_the_scene_not_the_result() -> None:
    """ "The next morning" in the first sentence is when the customer's trouble was due, not how
    the story ended."""
    opening = (
        "A customer came to the desk shouting because his laptop repair had been delayed twice and he had a "
        "job interview the next morning."
    )
    assert "result" not in _opening_cues(opening)
    assert "result" in _cues(opening)  # the same marker later in a story does tell its end
    assert not signals.star_parts(opening + " I said sorry.")["result"]


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        # people who did not like a change are an obstacle
        ("Two team leaders didn't like losing the old target because their bonuses depended on it.", "obstacle"),
        ("The nurses weren't keen on another form.", "obstacle"),
        ("Finance disagreed with the refund limit.", "obstacle"),
        # a hard time said plainly
        ("It wasn't smooth: two of the seniors thought the weekly review was a waste of time.", "obstacle"),
        ("Getting the night shift on board was not easy.", "obstacle"),
        ("The first month was bumpy, and not everyone liked the new rota.", "obstacle"),
        # a discovery told is a finding
        ("What surprised me was that price almost never came up.", "finding"),
        ("It turned out most of the calls were about one confusing letter.", "finding"),
        ("We found that a third of the delay sat in transfers between teams.", "finding"),
        ("I listened to fifty calls and found that a quarter of callers rang back within a week.", "finding"),
    ],
)
def test_an_obstacle_and_a_finding_are_heard_in_everyday_words(sentence: str, cue: str) -> None:
    assert cue in _cues(sentence)
    assert "finding" not in _cues("I find customers are usually reasonable.")


def test_a_past_perfect_is_not_a_plan() -> None:
    sentence = "Everything arrived when I'd said, and she sent us her whole autumn order."
    assert "result" in _cues(sentence)
    assert signals.star_parts(sentence)["result"]


def test_the_scene_is_quoted_from_the_scene_not_from_the_task_that_names_it(question) -> None:
    answer = (
        "At my last company, a payments firm, we processed about 1.2 million transactions a month and our "
        "support team of 14 was drowning. My job as support lead was to save our largest account, which was "
        "about to leave. I called their head of finance that same day and I gave him one owner for every open "
        "issue. Within three weeks we closed all 37 of their open tickets, and they renewed for two years."
    )
    star = grade(question("ccl-05"), answer).star
    assert star.situation.evidence is not None and star.situation.evidence.startswith("At my last company")
    assert star.task.evidence is not None and star.task.evidence.startswith("My job as support lead")


@pytest.mark.parametrize(
    ("sentence", "learned"),
    [
        # a lesson taught is not a lesson learned
        ("I had a Year 9 boy who just stopped working in my science lessons around November.", False),
        ("By March he hadn't been removed from a lesson once.", False),
        ("The lesson I took was to ask before I assume.", True),
        ("Lessons learned: test the backup before you need it.", True),
        ("I learned a hard lesson about promising dates.", True),
        ("The big lesson for me was to involve the team earlier.", True),
    ],
)
def test_a_lesson_is_one_learned_not_one_taught(sentence: str, learned: bool) -> None:
    assert ("lesson" in _cues(sentence)) == learned


def test_we_were_going_to_is_a_decision_told_not_the_scene() -> None:
    assert "situation" not in _cues("I told the head chef we were going to handwritten tickets.")
    assert "situation" in _cues("We were three agents short and the queue was at 400.")


def test_a_first_step_of_a_plan_is_not_a_lesson() -> None:
    """ "I'd start with…" in a plan is its first step; "I'd involve them earlier" is what the story taught."""
    assert "lesson" not in _cues("I'd start with a couple of habits that are cheap to run.")
    assert "lesson" in _cues("If I did it again I'd involve legal much earlier.")
    assert "lesson" in _cues("I would start the pilot sooner.")


def test_a_role_named_in_passing_is_not_a_task() -> None:
    """ "My role" names a job; "my role was to…" states a responsibility."""
    assert "task" not in _cues("If someone needs help with something outside my role, I'll still try to help.")
    assert "task" in _cues("My role was to get the renewals back on track.")


def test_a_habit_that_names_the_situation_is_no_scene() -> None:
    """ "…depending on the situation" in a claim about what one always does sets no scene."""
    habit = "I always apologise sincerely and try to fix it, maybe with a dessert, depending on the situation."
    assert "situation" not in _cues(habit)
    assert not signals.star_parts(habit)["situation"]  # the live meter agrees
    assert "situation" in _cues("At the time we were the only hotel in town with a spa.")


@pytest.mark.parametrize(
    ("opening", "scene"),
    [
        ("Parent of a Year 11 boy.", True),
        ("Big retail client, Christmas peak.", True),
        ("Communication is the key to everything.", False),  # a claim, with its verb
        ("I think it's about listening.", False),
        ("Sure.", False),  # a filler says nothing yet
    ],
)
def test_a_short_opening_without_a_verb_names_the_scene(opening: str, scene: bool) -> None:
    assert ("situation" in _opening_cues(opening)) is scene


def test_the_hardest_part_is_an_obstacle() -> None:
    assert "obstacle" in _cues("The hardest part was the old team leads, who thought it was fluffy.")
