"""The revision's gold set (issue 12, "Revisions a careful friend would send").

Hand-written drafts, the way people write them: texts after a breakup, heated work
emails, requests to colleagues, landlords and customers, and fine messages that must come
back exactly as they were. None of it is corpus text.

Each draft says what a careful friend's revision must do:

- `hot`: the draft should be calmed; `hot=False` drafts are fine and must come back
  unchanged.
- `keep`: strings that must survive (every fact: numbers, dates, times, names, amounts,
  deadlines at work, the object of a request, quoted text, code). Matched exactly, except
  that the first letter may change case (a deleted lead-in capitalises what follows).
- `drop`: threats, reproach, ultimatums and insults that must be gone (matched in any case,
  as whole words).
- `must_not`: strings the revision must not contain (matched exactly, case included):
  "when you have a moment" after a real deadline, an added "Thank you." where the draft
  already thanks, "I was wondering:" before a hostile question, a lowercased all-caps
  name, a swap that changes the meaning.
- `needs_writer`: the engine cannot calm it safely (insults, criticism of the person, guilt
  trips, despair, sarcasm): the right outcome is the sentence left as it is and the
  revision still flagged, so `drop` is empty and `keep` holds the sentence.

For an email, `text` is the whole RFC 822 message; the revision (and so every check) is
of its subject and plain body.

bench/revision.py measures the engine against this set; tests/revision/test_gold.py holds
today's figures as floors.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Gold:
    id: str
    text: str
    category: str
    hot: bool
    kind: str = "text"  # text | markdown | email
    profile: str = "default"  # default | work | reconnect
    keep: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    needs_writer: bool = False


def email(subject: str, body: str, sender: str = "me@example.com", to: str = "you@example.com") -> str:
    """A plain-text RFC 822 message: headers, a blank line, the body."""
    return (f"From: {sender}\nTo: {to}\nSubject: {subject}\n"
            "Date: Thu, 26 Nov 2026 14:00:00 +0000\nMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
            f"{body}")


SOON = "when you have a moment"
WONDER = "I was wondering:"

GOLD: list[Gold] = [
    # --- threats ------------------------------------------------------------------------
    Gold("invoice-or-cancel",  # the issue's own
         "Fix the invoice today or I'm cancelling the contract!!!",
         "threat", True,
         keep=("invoice today",), drop=("cancelling the contract", "!!!"), must_not=(SOON,)),
    Gold("boiler-lawyer",
         email("Boiler in flat 3",
               "Mr. Patel,\n\nThe boiler in flat 3 has been broken since 2 March and I have called "
               "you four times. Fix it by Friday or you'll be hearing from my lawyer.\n\n"
               "Nadia Okafor\n"),
         "threat", True, kind="email",
         keep=("Mr. Patel", "flat 3", "since 2 March", "four times", "by Friday", "Nadia Okafor"),
         drop=("hearing from my lawyer",), must_not=(SOON,)),
    Gold("deck-not-a-cent",
         "If the deck isn't finished by the 15th, don't expect to see another cent from me.",
         "threat", True,
         keep=("the deck", "by the 15th"), drop=("another cent",), must_not=(SOON,)),
    Gold("guitar-photos",
         "Give me my guitar back by Sunday or I swear I'll post those photos of you everywhere.",
         "threat", True, profile="reconnect",
         keep=("guitar",), drop=("post those photos", "I swear")),
    Gold("dog-animal-control",
         "Your dog barked from 6am to 9am AGAIN. Next time I'm calling animal control, and I "
         "won't warn you first.",
         "threat", True,
         keep=("Your dog barked from 6am to 9am",),
         drop=("calling animal control", "won't warn you first"), must_not=("AGAIN",)),
    Gold("api-keys-blame",
         email("Staging keys",
               "Tom,\n\nThe API keys for the staging server still haven't been rotated. Rotate "
               "them by 3pm or I'll make sure everyone knows whose fault the outage was.\n\n"
               "Priya\n"),
         "threat", True, kind="email", profile="work",
         keep=("Tom,", "API keys for the staging server", "by 3pm", "Priya"),
         drop=("make sure everyone knows", "whose fault"), must_not=(SOON,)),
    Gold("double-charge-review",
         "I've been charged twice for order #48213 ($129.99 each time). Refund the duplicate "
         "charge within 24 hours or I'll leave a one-star review everywhere I can.",
         "threat", True,
         keep=("#48213", "$129.99", "duplicate charge", "within 24 hours"),
         drop=("one-star review",), must_not=(SOON,)),
    Gold("tell-your-wife",
         "Stop texting my girlfriend, Kevin, or I'll tell your wife everything.",
         "threat", True,
         keep=("Kevin",), drop=("tell your wife",)),

    # --- ultimatums ---------------------------------------------------------------------
    Gold("callback-done-forever",  # the issue's own
         "If you don't call me back by tonight, we are done forever. This is your last chance. "
         "I mean it.",
         "ultimatum", True,
         keep=("call me back",), drop=("done forever", "last chance", "I mean it")),
    Gold("me-or-your-friends",
         "It's me or your friends. Pick one by the weekend.",
         "ultimatum", True, profile="reconnect", needs_writer=True,
         keep=("It's me or your friends.",)),
    Gold("flatmate-locks",
         "Pay the £450 you owe me by the 1st or I'm changing the locks.",
         "ultimatum", True,
         keep=("£450", "by the 1st"), drop=("changing the locks",), must_not=(SOON,)),
    Gold("release-notes-meeting",
         email("Release notes",
               "If the release notes aren't in my inbox by 10am Thursday, don't bother coming to "
               "the planning meeting.\n\nMarta\n"),
         "ultimatum", True, kind="email", profile="work",
         keep=("release notes", "by 10am Thursday", "Marta"), drop=("don't bother coming",),
         must_not=(SOON,)),
    Gold("wedding-or-nothing",
         "Either you come to my sister's wedding on June 14th or don't come back at all.",
         "ultimatum", True,
         keep=("my sister's wedding on June 14th",), drop=("don't come back at all",)),
    Gold("laptop-final-warning",
         "This is your final warning: return the laptop (serial 5CG1234XYZ) to IT by Monday.",
         "ultimatum", True, profile="work",
         keep=("the laptop (serial 5CG1234XYZ) to IT by Monday",), drop=("final warning",),
         must_not=(SOON,)),
    Gold("shed-key-not-ask-again",
         "I'm not going to ask again. Where is the key to the shed?",
         "ultimatum", True,
         keep=("the key to the shed",), drop=("not going to ask again",)),
    Gold("take-it-or-leave-it",
         "Hi Sofia,\n\nMy final offer for the car is $6,500. Take it or leave it.\n\nGreg",
         "ultimatum", True,
         keep=("Hi Sofia,", "$6,500", "Greg"), drop=("take it or leave it",)),

    # --- real deadlines -----------------------------------------------------------------
    Gold("q3-by-eod",
         "Send me the Q3 report by EOD.",
         "deadline", True, profile="work",
         keep=("Q3 report", "by EOD"), must_not=(SOON,)),
    Gold("contract-5pm",
         "I need the signed contract back by 5pm today. Get it done.",
         "deadline", True, profile="work",
         keep=("signed contract", "by 5pm today"), drop=("get it done",), must_not=(SOON,)),
    Gold("payroll-noon",
         "Please get the payroll file to me ASAP, it has to be uploaded before noon tomorrow!!",
         "deadline", True, profile="work",
         keep=("payroll file", "before noon tomorrow"), drop=("ASAP", "!!"), must_not=(SOON,)),
    Gold("launch-checklist",
         "## Launch checklist\n\n- Review the copy by **Wednesday 12:00**.\n- Fix the broken links "
         "NOW, the site goes live on 3 October!!!\n",
         "deadline", True, kind="markdown", profile="work",
         keep=("## Launch checklist", "by **Wednesday 12:00**", "broken links", "3 October"),
         drop=("!!!",), must_not=("NOW", SOON)),
    Gold("flights-midnight",
         "Book the flights tonight!!! The price goes up at midnight and I'm not paying an extra "
         "$300 because you forgot again.",
         "deadline", True,
         keep=("flights tonight", "at midnight", "$300"), drop=("because you forgot again", "!!!"),
         must_not=(SOON,)),
    Gold("invoice-must-pay",
         email("Invoice 2024-117 overdue",
               "Hello Mr. Brandt,\n\nInvoice 2024-117 for EUR 3,400 was due on 30 September. You "
               "must pay it by 15 October.\n\nKind regards,\nLena Fischer\nAccounts\n"),
         "deadline", True, kind="email", profile="work",
         keep=("Mr. Brandt", "2024-117", "EUR 3,400", "30 September", "by 15 October", "Lena Fischer"),
         must_not=(SOON, "It would help if you could pay", "you might pay")),
    Gold("pr-by-2pm",
         "Review my PR by 2pm, the demo is at 3.",
         "deadline", True, profile="work",
         keep=("my PR by 2pm", "the demo is at 3"), must_not=(SOON,)),
    Gold("visa-thursday",
         "URGENT: the visa forms must be posted by Thursday 14 March. Don't mess this up.",
         "deadline", True,
         keep=("visa forms", "by Thursday 14 March"), drop=("don't mess this up",),
         must_not=(SOON,)),
    Gold("timesheets-monday",
         email("READ THIS BEFORE MONDAY",
               "EVERYONE needs to submit timesheets by 9am Monday. NO EXCEPTIONS.\n\nThanks,\n"
               "HR TEAM\n"),
         "deadline", True, kind="email", profile="work",
         keep=("timesheets by 9am Monday", "HR TEAM"),
         must_not=(SOON, "NO EXCEPTIONS", "READ THIS", "before monday", "Hr team", "hr team",
                   "Thank you.")),

    # --- quoted text --------------------------------------------------------------------
    Gold("customer-unacceptable",
         'The customer wrote "THIS IS UNACCEPTABLE!!!" and honestly I agree with them. Fix the '
         "checkout page today.",
         "quote", True, profile="work",
         keep=('"THIS IS UNACCEPTABLE!!!"', "checkout page today"), must_not=(SOON,)),
    Gold("budget-curly-quote",
         "Your manager told me “we will never approve this budget again” — is that true? Why am I "
         "only hearing about this now?!",
         "quote", True, profile="work",
         keep=("“we will never approve this budget again”", "is that true?"), drop=("?!",),
         must_not=(WONDER,)),
    Gold("figures-gt-lines",
         "> Can you send me the latest figures?\n> Also, why is the dashboard down AGAIN?\n\nI "
         "ALREADY SENT THEM!!! Check your inbox.",
         "quote", True, profile="work",
         keep=("> Can you send me the latest figures?\n> Also, why is the dashboard down AGAIN?\n",
               "inbox"),
         drop=("!!!",), must_not=("I ALREADY SENT", "AGAIN? Thank you", "AGAIN? I was")),
    Gold("friday-deploy-markdown",
         "Re: deploy\n\n> Why did you deploy on a Friday?\n\nBecause YOU told me to. Read the "
         "thread before you blame me!!!\n",
         "quote", True, kind="markdown", profile="work",
         keep=("> Why did you deploy on a Friday?\n",), drop=("before you blame me", "!!!"),
         must_not=("What made you deploy",)),
    Gold("tuesday-not-thursday",
         email("Re: the offsite",
               "No. I said Tuesday, not Thursday. Stop twisting my words!!!\n\nOn Mon, 4 Nov 2024 "
               "at 09:12, Chris <chris@example.com> wrote:\n> You said Thursday was fine?\n> Why "
               "are you changing it now?\n"),
         "quote", True, kind="email", profile="work",
         keep=("I said Tuesday, not Thursday.", "> Why are you changing it now?"),
         drop=("twisting my words",)),
    Gold("hotel-review-quote",
         "The review says 'worst hotel EVER, never again'. Call the guest and apologise today.",
         "quote", True, profile="work",
         keep=("'worst hotel EVER, never again'", "guest", "today"), must_not=(SOON,)),
    Gold("why-in-quotes",
         'She messaged me "Why are you like this?" at 3am and now I have to answer her. Do not '
         "tell her I showed you!!",
         "quote", True,
         keep=('"Why are you like this?"', "at 3am"), drop=("!!",),
         must_not=("I was wondering: why are you like this", "What makes you")),

    # --- code ---------------------------------------------------------------------------
    Gold("build-code-block",
         "The build is broken AGAIN!!!\n\n```\nERROR: NEVER call deploy() directly!!!\n```\n\n"
         "Fix it before the standup at 9:30.\n",
         "code", True, kind="markdown", profile="work",
         keep=("```\nERROR: NEVER call deploy() directly!!!\n```", "before the standup at 9:30"),
         must_not=("AGAIN!!!", SOON)),
    Gold("main-inline-code",
         "Stop pushing to `main` directly. Open a PR and read `CONTRIBUTING.md` FIRST!!!",
         "code", True, kind="markdown", profile="work",
         keep=("`main`", "`CONTRIBUTING.md`"), drop=("!!!",), must_not=("FIRST", "a pr ")),
    Gold("rm-rf-backticks",
         "Why the hell did you run `rm -rf build/` on the shared box?? Restore it now.",
         "code", True, profile="work",
         keep=("`rm -rf build/`", "shared box"), drop=("the hell", "??"), must_not=(WONDER,)),
    Gold("slow-query",
         "Who wrote this query?? It takes 40 seconds on prod!!!\n\n```sql\nSELECT * FROM orders "
         "WHERE status != 'DONE';\n```\n\nRewrite it today.\n",
         "code", True, kind="markdown", profile="work",
         keep=("```sql\nSELECT * FROM orders WHERE status != 'DONE';\n```", "40 seconds", "today"),
         drop=("??", "!!!"), must_not=(SOON, "I was wondering: who wrote")),

    # --- criticism ----------------------------------------------------------------------
    Gold("tested-before-merging",
         "You should have tested this before merging. Now the whole team is blocked.",
         "criticism", True, profile="work", needs_writer=True,
         keep=("You should have tested this before merging.", "the whole team is blocked"),
         must_not=("You might have",)),
    Gold("sloppy-slides",
         "Your slides were sloppy and unprofessional, and the client noticed.",
         "criticism", True, profile="work", needs_writer=True,
         keep=("Your slides were sloppy and unprofessional, and the client noticed.",)),
    Gold("late-every-standup",
         "You're late to every single standup and it's embarrassing.",
         "criticism", True, profile="work", needs_writer=True,
         keep=("You're late to every single standup and it's embarrassing.",)),
    Gold("report-total-mess",
         "Your report is a total mess. The numbers in table 2 don't match the summary.",
         "criticism", True, profile="work", needs_writer=True,
         keep=("Your report is a total mess.", "The numbers in table 2 don't match the summary.")),
    Gold("slide-4-feedback",
         email("Feedback on your presentation",
               "Jamie,\n\nYou clearly didn't prepare. You never do. The Q2 figures on slide 4 "
               "were wrong.\n\nRob\n"),
         "criticism", True, kind="email", profile="work",
         keep=("Jamie,", "The Q2 figures on slide 4 were wrong.", "Rob"),
         drop=("clearly", "You never do"), must_not=("you rarely do",)),
    Gold("cooking-criticism",
         "You should learn to cook something other than pasta, honestly.",
         "criticism", True, needs_writer=True,
         keep=("You should learn to cook something other than pasta",), must_not=("You might",)),

    # --- sarcasm ------------------------------------------------------------------------
    Gold("quick-meeting-90",
         "Oh wonderful, another 'quick' meeting that ran 90 minutes. Thanks SO much for "
         "respecting everyone's time.",
         "sarcasm", True, profile="work", needs_writer=True,
         keep=("Oh wonderful, another 'quick' meeting that ran 90 minutes.",
               "for respecting everyone's time")),
    Gold("great-job-locked-out",
         "Great job on the release, really. Only 14 customers locked out of their accounts.",
         "sarcasm", True, profile="work", needs_writer=True,
         keep=("Great job on the release, really.", "Only 14 customers locked out of their accounts.")),
    Gold("no-rush-three-weeks",
         "Sure, take your time replying, it's only been three weeks. No rush at all.",
         "sarcasm", True,
         keep=("three weeks",), drop=("No rush at all",)),
    Gold("so-much-fun",
         "Glad to see you're having SO much fun without me. Hope it was worth it.",
         "sarcasm", True, profile="reconnect", needs_writer=True,
         keep=("Hope it was worth it.",)),

    # --- emoji --------------------------------------------------------------------------
    Gold("late-angry-emoji",
         "seriously?? 😡😡😡 you said you'd be here at 7 and it's 8:15",
         "emoji", True,
         keep=("at 7", "8:15"), drop=("seriously??",)),
    Gold("answer-phone-emoji",
         "ANSWER YOUR PHONE 📞📞📞 I've called you 6 times!!!\nMum",
         "emoji", True,
         keep=("6 times", "Mum"), drop=("!!!",), must_not=("ANSWER YOUR PHONE", SOON)),
    Gold("k-whatever",
         "k. 🙂 whatever you want. like always.",
         "emoji", True, profile="reconnect", needs_writer=True,
         keep=("whatever you want. like always.",)),

    # --- begging ------------------------------------------------------------------------
    Gold("please-talk-to-me",
         "Please please please just talk to me. I'm begging you. I'll do anything. I miss you.",
         "begging", True, profile="reconnect",
         keep=("talk to me", "I miss you"), drop=("I'm begging you", "I'll do anything", "please please")),
    Gold("job-application-beg",
         "Please, I'm begging you, reconsider my application (ref. JR-2291). I can start on "
         "Monday.",
         "begging", True, profile="work",
         keep=("reconsider my application (ref. JR-2291)", "I can start on Monday."),
         drop=("I'm begging you",)),
    Gold("dont-leave-sunday",
         "Hi Alex. Please don't leave me, I'm begging you. Can we talk on Sunday?",
         "begging", True, profile="reconnect",
         keep=("Hi Alex.", "Can we talk on Sunday?"), drop=("Please don't leave me", "I'm begging you")),
    Gold("rent-one-more-week",
         "I'm begging you, please please give me one more week for the rent. I'll have the $1,150 "
         "by the 20th.",
         "begging", True,
         keep=("one more week for the rent", "$1,150", "by the 20th"),
         drop=("I'm begging you", "please please")),
    Gold("pls-answer",
         "pls answer\npls\npls answer me\nplease",
         "begging", True, profile="reconnect",
         keep=("answer",), must_not=("pls\npls",)),

    # --- monitoring ---------------------------------------------------------------------
    Gold("online-at-2am",
         "Hey. I saw you were online at 2am. Who were you talking to? Anyway, I still have your "
         "jacket if you want it back.",
         "monitoring", True, profile="reconnect",
         keep=("I still have your jacket",), drop=("I saw you were online", "Who were you talking to")),
    Gold("story-three-times",
         "You watched my story 3 times but can't reply to a single text? Nice.",
         "monitoring", True, profile="reconnect", needs_writer=True,
         keep=("You watched my story 3 times but can't reply to a single text?",)),
    Gold("location-marks-place",
         "Why does your location say you're at Mark's place? You told me you were working late.",
         "monitoring", True, profile="reconnect", needs_writer=True,
         keep=("You told me you were working late.",), must_not=(WONDER,)),
    Gold("slack-away-henderson",
         "I noticed you were away on Slack for 3 hours yesterday afternoon. Where were you? The "
         "Henderson proposal is due on Friday.",
         "monitoring", True, profile="work",
         keep=("Henderson proposal is due on Friday",), drop=("I noticed you were away", "Where were you")),

    # --- guilt --------------------------------------------------------------------------
    Gold("after-everything",
         "After everything I've done for you, you can't even text me back?",
         "guilt", True, profile="reconnect", needs_writer=True,
         keep=("After everything I've done for you, you can't even text me back?",),
         must_not=(WONDER, "Thank you.")),
    Gold("christmas-alone",
         "Fine, don't visit. I'll just spend Christmas alone again, like every year.",
         "guilt", True, needs_writer=True,
         keep=("I'll just spend Christmas alone again, like every year.",)),
    Gold("midnight-your-mistakes",
         "I guess I'll stay until midnight again fixing your mistakes, as usual.",
         "guilt", True, profile="work", needs_writer=True,
         keep=("I guess I'll stay until midnight again fixing your mistakes, as usual.",)),
    Gold("how-much-this-hurts",
         "You know how much this hurts me and you're doing it anyway.",
         "guilt", True, profile="reconnect", needs_writer=True,
         keep=("You know how much this hurts me and you're doing it anyway.",)),

    # --- shouting -----------------------------------------------------------------------
    Gold("refund-caps-signoff",
         "WHERE IS MY REFUND??? I RETURNED THE BOOTS ON 05/03!!!\n\nMARIA GONZALEZ",
         "shouting", True,
         keep=("05/03", "MARIA GONZALEZ"), drop=("???", "!!!"),
         must_not=("WHERE IS MY REFUND", "maria gonzalez", "Maria gonzalez")),
    Gold("stop-calling-dave",
         "STOP CALLING ME AT WORK. I WILL ANSWER WHEN I CAN.\n\n-- DAVE",
         "shouting", True,
         keep=("DAVE",), must_not=("STOP CALLING", "I WILL ANSWER", "-- dave", "-- Dave")),
    Gold("acronyms-late",
         "The NASA and FBI files are LATE AGAIN!!! Send them to the DOJ by noon.",
         "shouting", True, profile="work",
         keep=("NASA", "FBI", "DOJ", "by noon"), drop=("!!!",),
         must_not=("LATE AGAIN", "Nasa", "nasa", "Doj", "doj", SOON)),
    Gold("cant-believe-caps",
         "Sam, I CAN'T BELIEVE YOU WOULD DO THIS TO ME",
         "shouting", True, profile="reconnect",
         keep=("Sam,",), must_not=("I CAN'T BELIEVE",)),
    Gold("heating-subject-caps",
         email("HEATING BROKEN AGAIN!!!",
               "Hi team,\n\nThe heating in room 4B has been off for THREE WEEKS. Please can someone "
               "look at it this week?\n\nThanks,\nDana\n"),
         "shouting", True, kind="email", profile="work",
         keep=("room 4B", "this week", "Dana"), drop=("!!!",),
         must_not=("THREE WEEKS", "AGAIN", "Thank you.")),

    # --- passive aggression -------------------------------------------------------------
    Gold("per-my-last-email",  # the issue's own
         "Per my last email, which you clearly didn't read, the report was due yesterday.",
         "passive-aggressive", True, profile="work",
         keep=("the report was due yesterday",),
         drop=("per my last email", "which you clearly didn't read", "clearly"),
         must_not=("Which you",)),
    Gold("deposit-so-hard",
         email("Venue deposit",
               "Hi Karen,\n\nAs previously stated, the venue deposit of $2,000 is due on 1 August. "
               "Not sure why this is so hard to understand.\n\nBest,\nOmar\n"),
         "passive-aggressive", True, kind="email", profile="work",
         keep=("Hi Karen,", "$2,000", "1 August", "Omar"),
         drop=("as previously stated", "so hard to understand"), must_not=(SOON,)),
    Gold("actually-read-the-ticket",
         "Going forward, please make sure to actually read the ticket before you reply. Thanks in "
         "advance.",
         "passive-aggressive", True, profile="work",
         keep=("read the ticket before you reply",), drop=("actually",), must_not=("Thank you.",)),
    Gold("third-time-asking",
         "Just checking in AGAIN on the invoice I sent on 12 May. Third time asking. Not sure if "
         "you saw my other emails?",
         "passive-aggressive", True, profile="work",
         keep=("the invoice I sent on 12 May",), drop=("third time asking", "not sure if you saw"),
         must_not=("AGAIN",)),
    Gold("shared-kitchen",
         "Friendly reminder that the kitchen is a shared space and SOME of us would like to use the "
         "sink. 🙂",
         "passive-aggressive", True, needs_writer=True,
         keep=("Friendly reminder that the kitchen is a shared space",)),
    Gold("finally-two-weeks",
         "Thanks for finally getting back to me. Only took you two weeks.",
         "passive-aggressive", True,
         keep=("Thanks for",), drop=("finally", "only took you two weeks")),
    Gold("last-priority",
         "No worries, I'm used to being your last priority.",
         "passive-aggressive", True, profile="reconnect", needs_writer=True,
         keep=("I'm used to being your last priority.",)),

    # --- blame --------------------------------------------------------------------------
    Gold("dishes-and-socks",
         "You never help with the dishes and you always leave your socks everywhere.",
         "blame", True,
         keep=("help with the dishes", "leave your socks everywhere"), drop=("you never", "you always")),
    Gold("build-fourth-time",
         "You keep breaking the build. This is the fourth time this week.",
         "blame", True, profile="work",
         keep=("the fourth time this week",), drop=("you keep breaking",)),
    Gold("table-your-fault",
         "This is all your fault. If you had booked the table on Monday like I asked, we'd have "
         "somewhere to eat tonight.",
         "blame", True,
         keep=("booked the table on Monday",), drop=("all your fault",)),
    Gold("always-late-movie",
         "You are ALWAYS late. The movie starts at 7:40, be there by 7:30.",
         "blame", True,
         keep=("The movie starts at 7:40", "by 7:30"), drop=("always late",), must_not=(SOON,)),

    # --- hostile and rhetorical questions -----------------------------------------------
    Gold("baby-gate",
         "What is wrong with you? Who leaves a baby gate open with a toddler in the house?",
         "rhetorical", True, needs_writer=True,
         keep=("Who leaves a baby gate open with a toddler in the house?",),
         must_not=(WONDER, "Thank you.")),
    Gold("read-the-brief",
         "Did you even read the brief? How hard is it to follow three bullet points?",
         "rhetorical", True, profile="work",
         keep=("the brief", "three bullet points"), drop=("did you even read", "how hard is it"),
         must_not=(WONDER, "Thank you.")),
    Gold("good-idea",
         "Why would anyone think that was a good idea?",
         "rhetorical", True, profile="work", needs_writer=True,
         keep=("Why would anyone think that was a good idea?",), must_not=(WONDER, "Thank you.")),
    Gold("serious-third-time",
         "Are you serious right now? You cancelled on me for the THIRD time.",
         "rhetorical", True, profile="reconnect",
         keep=("You cancelled on me",), drop=("are you serious right now",), must_not=(WONDER,)),
    Gold("deadline-parenthesis",
         "We missed the deadline (how is this even possible?) and now the client is asking for a "
         "discount.",
         "rhetorical", True, profile="work",
         keep=("We missed the deadline", "the client is asking for a discount"),
         drop=("how is this even possible",), must_not=(WONDER, "Thank you.")),
    Gold("why-pileup",
         "Why is the build red? Why is the staging database empty? Why is nobody answering?",
         "rhetorical", True, profile="work",
         keep=("the build", "staging database"), must_not=(WONDER, "Thank you.")),

    # --- bare requests ------------------------------------------------------------------
    Gold("draft-late-parenthesis",
         "Send me the draft. (Why is it late?)",
         "request", True, profile="work",
         keep=("the draft",), must_not=("? Thank you.)", "(I was wondering:")),
    Gold("wedding-photos",
         "Send me the photos from the wedding.",
         "request", True,
         keep=("the photos from the wedding",)),
    Gold("slides-already-thanked",
         "Thanks for your help yesterday! Send me the slides and the notes.",
         "request", True, profile="work",
         keep=("Thanks for your help yesterday!", "the slides and the notes"), must_not=("Thank you.",)),
    Gold("event-to-do",
         "Book the room. Order the catering. Email the speakers. Print the badges.",
         "request", True, profile="work",
         keep=("the room", "the catering", "the speakers", "the badges"), must_not=("moment? Could you",)),
    Gold("fix-it-yourself",
         "Do you need me to fix the problem, or do you have to do it yourself?",
         "request", True, profile="work",
         keep=("fix the problem",), must_not=("do it would help", "Do it would help")),
    Gold("you-need-to-call-vet",
         "You need to call the vet about Luna's stitches. Do it now.",
         "request", True,
         keep=("call the vet about Luna's stitches",), must_not=("Do it would help",)),
    Gold("answer-me-already-thanked",
         "Thank you for the quote. Answer my question about the delivery date, please.",
         "request", True, profile="work",
         keep=("Thank you for the quote.", "the delivery date"),
         must_not=("Thank you. Thank you", "? Thank you.", "please when")),

    # --- insults and despair: left to the writer ----------------------------------------
    Gold("you-are-an-idiot",  # the issue's own
         "You are an idiot.",
         "insult", True, needs_writer=True, keep=("You are an idiot.",)),
    Gold("incompetent-moron",
         "Whoever approved this design is an incompetent moron. Fix the header by Tuesday.",
         "insult", True, profile="work", needs_writer=True,
         keep=("Whoever approved this design is an incompetent moron.", "the header by Tuesday"),
         must_not=(SOON,)),
    Gold("selfish-coward",
         "You're a selfish, lying coward and everyone knows it.",
         "insult", True, profile="reconnect", needs_writer=True,
         keep=("You're a selfish, lying coward and everyone knows it.",)),
    Gold("cant-live-without-you",
         "I can't live without you. I don't see the point of anything anymore.",
         "despair", True, profile="reconnect", needs_writer=True,
         keep=("I can't live without you.", "I don't see the point of anything anymore.")),
    Gold("drowning-at-work",
         "I'm completely drowning and I don't know how much longer I can keep doing this job.",
         "despair", True, profile="work", needs_writer=True,
         keep=("I don't know how much longer I can keep doing this job.",)),
    Gold("nobody-listens",
         "Nobody ever listens to me. What's the point of even trying.",
         "despair", True, needs_writer=True,
         keep=("Nobody ever listens to me.", "What's the point of even trying.")),

    # --- shapes the engine learnt in issue 12's second round: a draft each --------------
    Gold("invoices-desk-tuesday",  # a condition on the thing asked for, not on the reader
         "If the invoices aren't on my desk by Tuesday noon, don't expect me to sign anything.",
         "threat", True, profile="work",
         keep=("the invoices", "on my desk by Tuesday noon"), drop=("don't expect",),
         must_not=(SOON,)),
    Gold("lease-last-chance-colon",  # an ultimatum as a lead-in before a colon
         "Last chance: send the signed lease to the agent by 6pm Friday.",
         "ultimatum", True,
         keep=("the signed lease to the agent by 6pm Friday",), drop=("last chance",),
         must_not=(SOON,)),
    Gold("drill-either-or",
         "Either you return my drill by Saturday or don't bother coming back.",
         "ultimatum", True,
         keep=("return my drill by Saturday",), drop=("don't bother",), must_not=("Either",)),
    Gold("parking-permit-need-to",  # an obligation becomes a request, its deadline kept
         "You need to renew the parking permit by 31 January.",
         "deadline", True,
         keep=("renew the parking permit by 31 January",),
         must_not=(SOON, "It would help if you could")),
    Gold("words-in-my-mouth",  # a sentence that only reproaches
         "Stop putting words in my mouth. I asked for the budget figures, not a lecture.",
         "blame", True, profile="work",
         keep=("I asked for the budget figures",), drop=("putting words in my mouth",)),
    Gold("late-fee-forgot",  # a reproach clause hung on a statement
         "I had to pay the late fee because you forgot again.",
         "blame", True,
         keep=("I had to pay the late fee",), drop=("because you forgot",)),
    Gold("figures-a-month",
         "Thanks for finally sending the figures. It only took you a month.",
         "passive-aggressive", True, profile="work",
         keep=("Thanks for", "sending the figures"), drop=("finally", "only took you a month")),
    Gold("never-on-time-dinner",
         "You're never on time. Dinner is at 8, please be there by 7:45.",
         "blame", True,
         keep=("Dinner is at 8", "by 7:45"), drop=("never on time",), must_not=(SOON,)),
    Gold("lease-i-beg-you",  # a cut between two commas takes one of them
         "Please, I beg you, sign the lease renewal before the 30th.",
         "begging", True,
         keep=("sign the lease renewal before the 30th",), drop=("I beg you",),
         must_not=(SOON, ", ,")),
    Gold("irs-wednesday-caps",  # a calmed shout keeps acronyms and day names
         "The IRS letter came back AGAIN, and it is due WEDNESDAY.",
         "shouting", True, profile="work",
         keep=("The IRS letter came back",), must_not=("AGAIN", "WEDNESDAY", "wednesday", "irs")),
    Gold("setup-md-caps",  # capitals calmed around inline code, the code as written
         "READ `docs/SETUP.md` FIRST, THEN ask.",
         "code", True, kind="markdown", profile="work",
         keep=("`docs/SETUP.md`",), must_not=("READ", "FIRST", "THEN")),
    Gold("how-hard-reply-po",  # a rhetorical reproach asks for something: ask it plainly
         "How hard can it be to reply to one email? The vendor is waiting on the PO number.",
         "rhetorical", True, profile="work",
         keep=("reply to one email", "The vendor is waiting on the PO number."),
         drop=("how hard can it be",), must_not=(WONDER, "Thank you.")),
    Gold("call-back-lone-pls",  # a plea alone on its line goes, line break and all
         "call me back\npls\npls\ncall me",
         "begging", True, profile="reconnect",
         keep=("call me back", "call me"), drop=("pls",), must_not=("\n\n", "Call me")),
    Gold("answer-phone-school",  # a ringing phone cannot wait "for a moment"
         "Answer your phone. The school called about Maya.",
         "request", True,
         keep=("your phone", "The school called about Maya."), must_not=(SOON,)),
    Gold("reply-and-address",  # "when you have a moment" once a message
         "Reply to my message. Send me the address too.",
         "request", True,
         keep=("to my message", "me the address too")),
    Gold("text-back-by-tonight",  # to an ex, a deadline on the reader goes; at work it stays
         "Please text me back by tonight.",
         "deadline", True, profile="reconnect",
         keep=("text me back",), drop=("by tonight",)),
    Gold("text-back-by-tonight-work",
         "Please send me the rota by tonight.",
         "deadline", True, profile="work",
         keep=("send me the rota by tonight",), must_not=(SOON,)),
    Gold("seating-plan-reason",  # the reason after a comma stays a statement of its own
         "Send the seating plan by Thursday, the caterer needs it for the place cards.",
         "deadline", True, profile="work",
         keep=("the seating plan by Thursday", "caterer needs it for the place cards"),
         must_not=(SOON, "cards?")),
    Gold("vet-do-it-now",
         "Book Luna's check-up at the vet for Saturday morning. Do it now.",
         "request", True,
         keep=("Luna's check-up at the vet for Saturday morning",), drop=("do it now",)),
    Gold("cant-take-it-call-tonight",  # despair waits for the writer; the request is eased
         "I can't take it anymore. Please call me tonight.",
         "despair", True, profile="reconnect", needs_writer=True,
         keep=("I can't take it anymore.",)),

    # --- fine drafts: they must come back exactly as written ----------------------------
    Gold("coffee-sam",  # the README's own
         "Hello Sam, how are you doing? You crossed my mind, and I thought maybe we should meet up "
         "for coffee.",
         "warm", False, profile="reconnect", keep=("Sam", "coffee")),
    Gold("lisbon-lunch",
         "Hi Priya, I saw the photos from your trip to Lisbon and thought of you. Hope you're well. "
         "Would you like to grab lunch sometime?",
         "warm", False, profile="reconnect", keep=("Priya", "Lisbon")),
    Gold("birthday-jonas",
         "Happy birthday, Jonas. I hope the year ahead is a kind one.",
         "warm", False, profile="reconnect", keep=("Jonas",)),
    Gold("dinner-lemon-tart",
         "Thank you so much for dinner on Saturday. The lemon tart was incredible and it was so good "
         "to catch up.",
         "warm", False, keep=("Saturday", "lemon tart")),
    Gold("promotion-mei",
         email("Congratulations!",
               "Hi Mei,\n\nCongratulations on the promotion, it's very well deserved. The Osaka "
               "launch would not have happened without you.\n\nCheers,\nBen\n"),
         "warm", False, kind="email", profile="work", keep=("Mei", "Osaka", "Ben")),
    Gold("marathon-proud",
         "I'm so proud of you for finishing the marathon! 4 hours 12 minutes is amazing.",
         "warm", False, keep=("4 hours 12 minutes",)),
    Gold("ruth-father",
         "Dear Ruth, I was so sorry to hear about your father. He was always kind to me when I "
         "visited. Thinking of you and your family.",
         "condolence", False, keep=("Ruth", "He was always kind to me")),
    Gold("daniel-loss",
         email("Thinking of you",
               "Hi Daniel,\n\nI just heard about your loss and I'm very sorry. Please take all the "
               "time you need; Aisha and I will cover the Tuesday calls.\n\nWarmly,\nGrace\n"),
         "condolence", False, kind="email", profile="work",
         keep=("Daniel", "Please take all the time you need", "Aisha", "Tuesday calls", "Grace")),
    Gold("biscuit-fourteen-years",
         "So sorry about Biscuit. Fourteen years is a long, happy life, and she was lucky to have you.",
         "condolence", False, keep=("Biscuit", "Fourteen years")),
    Gold("here-if-you-need",
         "I'm here if you need anything at all, even just someone to sit with. No need to reply.",
         "condolence", False, keep=("No need to reply.",)),
    Gold("workshop-slides",
         "Hi Tom, could you send me the slides from Thursday's workshop when you get a chance? "
         "Thanks!",
         "request", False, profile="work", keep=("Tom", "Thursday's workshop")),
    Gold("expenses-friday",
         "Hi all, a quick reminder that expense reports for October are due by Friday 5pm. Let me "
         "know if you have any questions.",
         "request", False, profile="work", keep=("October", "by Friday 5pm")),
    Gold("dripping-tap",
         "Hello Mrs. Alvarez, the kitchen tap in flat 2B has started dripping. Would Tuesday or "
         "Wednesday morning suit for a plumber to come round? Many thanks, Joe",
         "request", False, keep=("Mrs. Alvarez", "flat 2B", "Tuesday or Wednesday morning", "Joe")),
    Gold("jacket-exchange",
         "Hi, I ordered a blue jacket (order 55120) but received a green one. Could you let me know "
         "how to exchange it? Thank you.",
         "request", False, keep=("order 55120",)),
    Gold("small-pr",
         "Would you be able to review my pull request today? It's small, about 40 lines. No worries "
         "if not.",
         "request", False, profile="work", keep=("today", "40 lines")),
    Gold("milk-and-bread",
         "hey can u pick up milk on the way home. and bread",
         "request", False, keep=("milk", "bread")),
    Gold("insurance-non-negotiable",
         "You need to provide proof of insurance before you move in. This is non-negotiable.",
         "request", False,
         keep=("You need to provide proof of insurance", "non-negotiable"),
         must_not=("It would help if you could provide",)),
    Gold("migrations-always",
         "Always run the migrations before you deploy, and you always have to bump the version in "
         "setup.cfg.",
         "request", False, profile="work",
         keep=("you always have to bump the version in setup.cfg",), must_not=("feels like",)),
    Gold("recycling-slot",  # an obligation that is a condition of the reader's own plan
         "You need to book a slot before you arrive at the recycling centre.",
         "request", False, keep=("You need to book a slot",)),
    Gold("router-always-restart",  # "you always have to": an instruction, not blame
         "You always have to restart the router after changing the password.",
         "request", False, profile="work", keep=("You always have to restart the router",)),
    Gold("snapped-sorry",
         "I'm sorry I snapped at you in the meeting this morning. That wasn't fair, and I'd like to "
         "talk it through when you have time.",
         "apology", False, profile="work", keep=("this morning",)),
    Gold("leo-my-part",
         "Hi Leo, I've been thinking about how things ended and I'm sorry for my part in it. No "
         "pressure to reply.",
         "apology", False, profile="reconnect", keep=("Leo",)),
    Gold("migration-done",
         "The server migration finished at 02:30 UTC. All 12 services are healthy and the old "
         "cluster will be shut down on 1 December.",
         "update", False, profile="work", keep=("02:30 UTC", "12 services", "1 December")),
    Gold("release-3-2",
         "## Release 3.2\n\n- Faster search (about 2x).\n- Fixed the crash when a file name has "
         "spaces.\n\nUpgrade with:\n\n```\npip install --upgrade widget==3.2.0\n```\n",
         "update", False, kind="markdown", keep=("widget==3.2.0",)),
    Gold("payroll-cutoff",
         "Just a heads-up: the office is closed on Monday for the holiday, so the payroll cutoff "
         "moves to Friday at noon.",
         "deadline", False, profile="work", keep=("Monday", "Friday at noon")),
    Gold("astronaut-baker",
         'My niece said "I want to be an astronaut AND a baker" and I think she means it.',
         "quote", False, keep=('"I want to be an astronaut AND a baker"',)),
    Gold("you-never-visit-quote",
         'My mum said "YOU NEVER VISIT" at dinner and everyone laughed. Anyway, are you free on '
         "Saturday?",
         "quote", False, keep=('"YOU NEVER VISIT"', "Saturday")),
    Gold("money-now-quote",
         'He wrote "Send me the money now." and hung up. I honestly did not know what to say.',
         "quote", False, keep=('"Send me the money now."',)),
    Gold("so-late-give-me-a-break",
         '"Why are you so late?" is what she said when I got home at 6. Give me a break.',
         "quote", False, keep=('"Why are you so late?"', "at 6"),
         must_not=("Could you give me a break",)),
    Gold("tests-pass-now",
         "Thanks for the fix! I tested it with `pytest -k slow` and everything passes now.\n\n```\n"
         "$ make release VERSION=2.4.1\n```\n",
         "code", False, kind="markdown", profile="work",
         keep=("`pytest -k slow`", "everything passes now", "VERSION=2.4.1")),
    Gold("party-birthday-emoji",
         "Happy birthday!! 🎉🎂 Hope you have the best day, see you Saturday at 8 ❤️",
         "emoji", False, keep=("Saturday at 8",)),
    Gold("pancakes-emoji",
         "Thank you so much for watching the kids last night 🙏 they haven't stopped talking about "
         "the pancakes!",
         "emoji", False, keep=("last night", "pancakes")),
    Gold("cant-make-the-9th",
         "Thanks for thinking of me, but I can't make it on the 9th. Have a wonderful time and send "
         "photos!",
         "warm", False, keep=("the 9th", "send photos")),
    Gold("login-support",
         email("Re: login problem",
               "Hi Sara,\n\nThanks for the screenshots. It looks like the password reset email went "
               "to spam; I've resent it just now. Let us know if it doesn't arrive within 10 "
               "minutes.\n\nBest regards,\nKai\nSupport team\n"),
         "request", False, kind="email", profile="work",
         keep=("Sara", "I've resent it just now", "within 10 minutes", "Kai")),
]
