// Package policy decides whether a topic should be handled in writing
// (async), in a meeting (sync), or both (hybrid: a written part and a short
// meeting), from the topic and the real overlap of the people it involves,
// and says why.
//
// [FactsFrom] reads an overlap report (package overlap) into [Facts]: the
// participants' common free time a day and over the rest of the report's
// window, their next common windows of at least [Policy.MinSlot], the
// group's async round trip (overlap.Report.RoundTrips with [Policy.ReplyDelay]:
// from now, and as the team's typical figure, the median over the working
// hours of the week, which the rules read so that a verdict does not turn
// with the hour it is asked),
// how many zones and how wide a spread of UTC offsets, who must shift hours
// when they have no window, and who is outside working hours now.
// [Policy.Decide] applies fixed rules to a [Topic] and those facts and
// returns a [Decision]: the mode, a short format ("written proposal with a
// 2-day comment window", "30-minute call, then written summary"), every
// rule that fired (each with a code, a sentence with the figures, its
// source, and its role: decisive, agrees, overridden with what overrode
// it, or context), warnings, the facts, the slot to meet in, the lead a
// written part gets before it, and when the plan is expected done.
//
// Nothing is a black box: the rules are deterministic, every threshold is
// a field of [Policy] with a cited default, and invalid input (an unknown
// purpose, a participant the report does not know, a deadline already
// past) is an error from [FactsFrom], [Topic.Validate] or [Policy.Decide],
// never a silent default. Topic, Facts, Policy and Decision marshal to JSON
// with lower camelCase names, durations such as "4h" and RFC 3339 UTC
// times, for chat bots and web forms.
//
// # Why async by default
//
// An office worker goes about 11 minutes between interruptions (Mark,
// Gonzalez & Harris, "No Task Left Behind?", CHI 2005), and across time
// zones a meeting also lands in someone's evening. Writing protects focus
// and reaches everyone in their own hours, so async is the default (GitLab
// Handbook; Doist; Basecamp/37signals; Dropbox Virtual First), and each
// rule below says what earns a meeting.
//
// # The rules
//
// Each rule proposes a mode. Hard proposals (a sensitive topic, a conflict,
// an urgent incident) keep their meeting whatever the overlap; soft ones
// give way to it. The decision is the largest proposal, in the order
// async < hybrid < sync, after the overlap caps the soft ones.
//
//	code                   rule                                                        source
//	async-default          nothing asks for a meeting: async                           Mark et al. CHI 2005; GitLab, Doist, Basecamp, Dropbox
//	inform                 inform, FYI, status: async                                  GitLab; HBR "Do You Really Need to Hold That Meeting?" (2015)
//	gather-input           gather input or consensus: async                            GitLab
//	gather-input-deadline  ExpectedExchanges x RoundTrip misses the deadline and the   GitLab
//	                       next window comes sooner: sync (soft)
//	decide-reversible      a two-way door: async, one named owner, a comment window    Bezos, 2015 shareholder letter
//	                       of at least one round trip
//	decide-irreversible    a one-way door: hybrid, a memo at least one round trip      Bezos, 2015 shareholder letter
//	                       ahead, then a short meeting in the overlap
//	sensitive              high sensitivity: sync (hard)                               GitLab, Doist, Dropbox, Slack
//	conflict               resolve a conflict: sync (hard)                             GitLab, Doist, Dropbox, Slack
//	connect                connect, build rapport: a sync kickoff, then async (soft)   GitLab (coffee chats), Doist
//	first-collaboration    people new to each other: a kickoff, then async: hybrid     GitLab, Doist
//	ideate                 ideate: sync (soft) for at most MaxSyncGroup people         GitLab, Doist
//	ambiguity              high ambiguity: as ideate                                   GitLab, Doist
//	group-too-large        ideate or ambiguity with more than MaxSyncGroup (7):        Bain, "Decide & Deliver" (2010): the rule of 7
//	                       ideas in writing, then a smaller meeting: hybrid
//	long-thread            more than MaxExchanges (3) exchanges: a short call and a    GitLab Handbook, communication
//	                       written summary: sync (soft)
//	incident-urgent        an incident due sooner than a round trip: sync now (hard),  Google SRE book ch. 14; GitLab incident management
//	                       warning who is outside working hours
//	incident-can-wait      an incident that can wait a round trip: async               Google SRE book ch. 14; GitLab incident management
//	overlap-comfortable    at least ComfortOverlap (4h) together a day: a meeting      37signals "Remote" (2013); Dropbox core hours
//	                       fits working hours (noted when there is a meeting)
//	overlap-scarce         under MinSlot (30m) together a day: soft proposals go no    37signals "Remote" (2013); Dropbox core hours
//	                       further than hybrid; warn who must shift hours
//	no-window              a soft sync with no common window of MinSlot before the     tzplan; overlap.Report.Rotate
//	                       deadline: hybrid; warn who must shift, suggest rotation
//	no-window-kept         a hard sync with no such window stays sync; warn who must   tzplan; overlap.Report.Rotate
//	                       shift, suggest rotation
//	sensitive-medium       medium sensitivity: write with care, then a short call:     GitLab, Doist, Dropbox, Slack
//	                       hybrid (soft)
//	ambiguity-medium       medium ambiguity: frame it in writing, then a short call:   GitLab, Doist
//	                       hybrid (soft)
//	too-many-deciders      a decision with more than MaxSyncGroup (7) deciders (the    Bain, "Decide & Deliver" (2010): the rule of 7
//	                       participants when none are named): name at most 7; the
//	                       call is of at most 7 deciders; a warning says so
//	overlap-short          a meeting with MinSlot to ComfortOverlap (30m to 4h)        37signals "Remote" (2013); Dropbox core hours
//	                       together a day: keep it to MinSlot, write its outcome down
//	wide-spread            a meeting across zones more than ComfortOverlap of UTC      37signals "Remote" (2013); Dropbox core hours
//	                       offsets apart: the call is recorded
//	recurring              a recurring topic: the decision covers the series           tzplan; overlap.Report.Rotate
//	                       ("standing" call, "recurring" update); rotate its time
//
// Whatever has something written come before a meeting (a memo, a
// pre-read, written ideas) gets a lead of one round trip: the meeting is
// the first common window that far ahead before the deadline. When there
// is none, the written part gets the time to the last window before the
// deadline, and the format and a warning say how much. A plan in writing
// whose expected completion (now plus its round trips) is after the
// deadline always carries a warning that names both.
//
// The gather-input rule differs from "async unless writing misses the
// deadline while a meeting meets it" in one case: when neither meets the
// deadline but the meeting comes sooner, it proposes a meeting (then made
// hybrid by no-window). So a later deadline never turns async into sync.
//
// Three laws hold, and the tests check them with random facts: raising a
// topic's sensitivity never moves a decision away from sync; less overlap
// never turns async into sync; a later deadline never turns async into
// sync.
//
// # The meeting audit
//
// [MeetingsFrom] finds the meetings a team already has in its calendars
// (ics.Calendar.Events): an event occurrence with at least two of the
// team among its organizer and attendees (matched by the addresses a
// roster gives, without regard to letter case or "mailto:"), not
// declined by them, not cancelled, not transparent, not all-day; the
// same meeting in several calendars once (by UID and RECURRENCE-ID); a
// series is every occurrence of one UID. [BusyBesides] gives the busy
// time that is not a meeting, for the report the audit reads.
//
// [Policy.Audit] weighs them with overlap.Agenda, on these definitions:
//
//	focus time          free working time in stretches of at least         Clockwise "Focus Time"; Microsoft Viva Insights
//	                    FocusBlock (2h)                                    focus hours; Multitudes deep work
//	fragmented time     free working time in shorter stretches             the same
//	meeting time        time in meetings (a person's overlapping ones      -
//	                    once)
//	after-hours time    meeting time outside the person's working hours    -
//	focus cost          the focus time a meeting's attendees would have    Clockwise "focus time cost"
//	                    without it less with it, summed over them
//	series cost         a month (30 days) of: person-time, each            -
//	                    attendee's after-hours time, focus cost, and how
//	                    concentrated the after-hours time is (the largest
//	                    share of occurrences one person spends partly
//	                    after hours)
//
// Each series gets the verdict of the first rule that applies, with every
// rule that applied among its reasons (the later ones overridden) and
// what its purpose rests on:
//
//	make-async               the purpose is to inform (status, update,       HBR "Do You Really Need to Hold That
//	                         standup, an audience of listeners)              Meeting?" (2015); GitLab
//	after-hours-movable      one person outside working hours in more than   tzplan: the rotation's fair-share rule
//	  (move)                 half of the occurrences, AfterHoursLimit (1h)
//	                         a month or more, and a time of day everyone
//	                         could book: move there
//	after-hours-same-people  the same, with no such time: rotate             tzplan: the rotation's fair-share rule
//	  (rotate)               (overlap.Report.Rotate, one slot per zone)
//	focus-cost-movable       moved by a multiple of MinSlot (up to 12h), it  Clockwise; Viva Insights; Multitudes
//	  (move)                 would cost at least FocusBlock (2h) a month
//	                         less focus time
//	focus-cost-high          it costs FocusCostLimit (4h) of focus a month   Clockwise; Viva Insights; Multitudes
//	  (shorten)              or more and no move wins back FocusBlock:
//	                         shorten it or meet less often
//	one-off, keep (keep)     a one-off meeting (over once held), or nothing  tzplan
//	                         above
//
// The purpose is the caller's where given (by series or title);
// otherwise [GuessPurpose] guesses it from title words (1:1, review,
// standup, status, sync, planning, brainstorm, incident, ...) and, with
// none, from the number of attendees (two: a 1:1; more than MaxSyncGroup:
// listeners), and the reasons say it is a guess and from what.
package policy
