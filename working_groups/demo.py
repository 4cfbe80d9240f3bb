"""Demo material of WGETI (seeds 002 and 004), called by `att_portal.demo.seed`; each area
adds its own function here."""

from __future__ import annotations


def _ad_hoc_issues(people: dict, meetings: dict, cycles: dict) -> None:
    """Seed 004: the CSP12 President's call of 4 December 2025 (due 1 February 2026) and
    the three proposals it received; the Chair accepted Maat's and the Small Arms Survey's
    for the sub-working group on Current and Emerging Implementation Issues, Control
    Arms' is still before the Chair. Created directly: the call is closed by now."""
    import datetime
    from zoneinfo import ZoneInfo

    from att_portal.directory.enums import Affiliation, OrganisationKind
    from att_portal.directory.models import Organisation, User
    from att_portal.l10n.content import set_translations
    from att_portal.meetings.enums import CallKind
    from att_portal.meetings.models import MeetingCall
    from documents.models import Agenda, AgendaItem

    from .enums import ProposalState
    from .models import AdHocIssueProposal, ProposedSpeaker, SubWorkingGroup
    from .services.calls import agenda_annotation, presenters_of

    zurich = ZoneInfo("Europe/Zurich")
    meeting = meetings["WGETI meeting, March 2026"]
    call, _created = MeetingCall.objects.get_or_create(
        meeting=meeting,
        kind=CallKind.AD_HOC_ISSUES,
        defaults={
            "title": "Proposals of ad hoc issues",
            "issued_on": datetime.date(2025, 12, 4),
            "due_on": datetime.date(2026, 2, 1),
            "issued_by": "CSP12 President",
        },
    )
    swg = SubWorkingGroup.objects.filter(
        cycle=cycles[12], name_en="Current and Emerging Implementation Issues"
    ).first()
    chair = people["wgeti-chair"]

    def member(organisation: Organisation, username: str, first: str, last: str, job: str):
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.att-portal.invalid",
                "affiliation": Affiliation.ORGANISATION,
                "organisation": organisation,
                "job_title": job,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user

    maat, _created = Organisation.objects.get_or_create(
        name="Maat for Peace, Development and Human Rights",
        defaults={"kind": OrganisationKind.CIVIL_SOCIETY, "acronym": "Maat"},
    )
    sas, _created = Organisation.objects.get_or_create(
        name="Small Arms Survey",
        defaults={"kind": OrganisationKind.ACADEMIA, "acronym": "SAS"},
    )
    proposals = [
        (
            member(maat, "ayman.okeil", "Ayman", "Okeil", "Chairman"),
            "Risk assessment of arms exports to Sudan",
            "The armed conflict in Sudan since April 2023 has devastated civilians; weapons "
            "produced by States Parties and signatories have reached armed groups. The issue "
            "tests risk assessment under Article 7 and the prevention of diversion under "
            "Article 11.",
            "1. How can States Parties strengthen risk assessment under Article 7 so that arms "
            "do not reach armed factions in Sudan?\n"
            "2. What practical measures verify end-user certificates and prevent diversion "
            "through third countries under Article 11?\n"
            "3. How can States Parties and international organisations cooperate to stop "
            "the flow of munitions to conflict areas?",
            [
                (
                    "Mr. Ayman Okeil",
                    "Chairman",
                    "Maat for Peace, Development and Human Rights",
                    False,
                )
            ],
            datetime.datetime(2026, 1, 28, 11, 0, tzinfo=zurich),
            ProposalState.ACCEPTED,
        ),
        (
            member(sas, "sas.programme", "Programme", "Officer", "Programme officer"),
            "Maritime security and the Arms Trade Treaty",
            "Diversion of conventional arms during maritime transit and trans-shipment has "
            "serious implications for international and regional security; discussions under "
            "the Treaty have paid comparatively little attention to it (Articles 6, 7, 9, 11).",
            "- What maritime security threats concern your State in risk assessments under "
            "Articles 6 and 7?\n"
            "- Does your State have good practices in mitigating diversion risks during "
            "transit and trans-shipment by sea?\n"
            "- Does your State involve maritime actors in inter-agency cooperation to "
            "implement the Treaty?",
            [
                ("", "Chair", "Panama", True),
                ("", "", "UNIDIR", True),
                ("", "", "Small Arms Survey", True),
            ],
            datetime.datetime(2026, 1, 30, 16, 30, tzinfo=zurich),
            ProposalState.ACCEPTED,
        ),
        (
            people["ngo"],
            "Reassessment of authorised arms transfers under Article 7(7)",
            "States Parties maintain existing authorisations when they become aware of new "
            "information on the serious risk of violations of Articles 6 and 7, and hold "
            "differing interpretations of what triggers a reassessment under Article 7(7).",
            "1. What new information leads your State to reassess an authorisation under "
            "Article 7(7)?\n"
            "2. Does your State read Article 7(7) as permissive or as an obligation to "
            "consider action?\n"
            "3. How are existing authorisations reviewed when a conflict escalates?",
            [
                (
                    "Mr. Geoffrey L. Duke",
                    "African Scholar in Peace, Security and Development Fellow",
                    "African Leadership Center, King's College London",
                    False,
                ),
                (
                    "Dr. Stuart Casey-Maslen",
                    "Special Advisor, International Humanitarian Law in Focus Project",
                    "Geneva Academy",
                    False,
                ),
                ("", "", "Control Arms", True),
            ],
            datetime.datetime(2026, 2, 1, 17, 0, tzinfo=zurich),
            ProposalState.SUBMITTED,
        ),
    ]
    for author, title, memorandum, questions, speakers, submitted_at, state in proposals:
        proposal, created = AdHocIssueProposal.objects.get_or_create(
            call=call,
            title=title,
            defaults={
                "organisation": author.organisation,
                "submitted_by": author,
                "memorandum": memorandum,
                "guiding_questions": questions,
                "sub_working_group": swg,
            },
        )
        if not created:
            continue
        AdHocIssueProposal.objects.filter(pk=proposal.pk).update(submitted_at=submitted_at)
        proposal.submitted_at = submitted_at
        for position, (name, job, affiliation, tbc) in enumerate(speakers, start=1):
            ProposedSpeaker.objects.create(
                proposal=proposal,
                position=position,
                name=name,
                title=job,
                affiliation=affiliation,
                to_be_confirmed=tbc,
            )
        if state != ProposalState.ACCEPTED:
            continue
        agenda, _created = Agenda.objects.get_or_create(meeting=meeting)
        parent = (
            agenda.items.filter(parent__isnull=True, title_en__iexact=swg.name_en).first()
            if swg
            else None
        )
        siblings = agenda.items.filter(parent=parent).count()
        item = AgendaItem(
            agenda=agenda,
            parent=parent,
            position=siblings + 1,
            presenters=presenters_of(proposal),
        )
        set_translations(item, "title", title)
        set_translations(item, "annotation", agenda_annotation(proposal))
        item.save()
        proposal.state_of_proposal = state
        proposal.decided_by = chair
        proposal.decided_at = datetime.datetime(2026, 2, 18, 10, 0, tzinfo=zurich)
        proposal.agenda_item = item
        proposal._history_user = chair
        proposal.save()


def seed(people: dict, states: dict, meetings: dict, cycles: dict) -> None:
    """Each area of WGETI seeds its part here."""
    _voluntary_guides(people, cycles)
    seed_structure(people, states, meetings, cycles)
    _ad_hoc_issues(people, meetings, cycles)


# Seed 002/DOMAIN §5: the phases of practical implementation and their topics; the last
# is the cross-cutting function.
WORKPLAN = [
    (
        "ATT domestication",
        [
            "Role of the executive",
            "Role of parliament",
            "Legislative process",
            "National consultation",
        ],
    ),
    (
        "National control system",
        [
            "Infrastructure",
            "National control list",
            "Competent national authorities",
            "National points of contact",
            "Legislation",
            "Inter-agency coordination",
        ],
    ),
    (
        "General regulation of actors in transfers",
        [
            "Registration",
            "Outreach, including to industry",
            "Internal compliance programmes",
            "Regulatory documents",
        ],
    ),
    (
        "Application and authorisation",
        [
            "Prohibitions",
            "Risk assessment",
            "Mitigation measures",
            "Decision-making",
            "Review of decisions",
            "Document verification",
            "Commitments of actors",
        ],
    ),
    (
        "Enforcement arrangements",
        ["Legal framework", "Inter-agency coordination", "Legal and administrative procedures"],
    ),
    ("Information management", ["Records", "National coordination", "Litigation"]),
    (
        "Accounting and reporting",
        [
            "Reports to the Secretariat",
            "Reports to cabinet",
            "Reports to parliament",
            "Audit queries",
            "Public requests",
        ],
    ),
    (
        "Post-delivery measures",
        [
            "Transfer assurances",
            "Delivery verification certificates",
            "Post-shipment cooperation",
            "Verification",
            "Stockpile management",
        ],
    ),
    (
        "International cooperation and assistance",
        ["International cooperation", "International assistance"],
    ),
]
WORKPLAN_QUESTIONS = {
    ("National control system", "National control list"): [
        "How does the national control list cover the eight categories of Article 2(1)?",
        "How and how often is the list updated, and who is consulted?",
    ],
    ("Application and authorisation", "Risk assessment"): [
        "Which sources of information inform the assessment under Articles 6 and 7?",
        "How is the risk of serious acts of gender-based violence (Article 7(4)) assessed?",
    ],
    ("Application and authorisation", "Review of decisions"): [
        "When is an authorisation reassessed if new relevant information comes to light?",
    ],
    ("Post-delivery measures", "Delivery verification certificates"): [
        "Which authority issues delivery verification certificates, and in what form?",
    ],
    ("ATT domestication", "National consultation"): [
        "Which ministries, agencies and stakeholders take part in the national consultation?",
    ],
}
# Seed 004: the CSP12 sub-working groups and their facilitators.
CSP12_SUB_WORKING_GROUPS = [
    (
        "Exchange of National Implementation Practices",
        "Ms Essate Weldemichael and Mr Edward Kawa (Sierra Leone)",
        "Exchange of national practice on the national control system (brokering) and on "
        "risk assessment under Articles 6 and 7.",
    ),
    (
        "Current and Emerging Implementation Issues",
        "Col. Philippe Lejeune (France), WGETI Chair",
        "Scope and national control lists; role of industry and human rights/IHL due "
        "diligence; guidance on Article 7(4); inter-agency cooperation.",
    ),
]
TRADE_PROFILES = {
    "AT": "both",
    "MX": "importer",
    "FR": "exporter",
    "TH": "importer",
    "DE": "exporter",
    "SL": "importer",
}


def seed_structure(people: dict, states: dict, meetings: dict, cycles: dict) -> None:
    """The workplan, the CSP12 sub-working groups, the topics of March 2026, offers to
    present (Austria and Mexico confirmed on risk assessment, Thailand offered) and two
    written submissions on the call due 5 March 2026 (one published)."""
    import datetime
    from zoneinfo import ZoneInfo

    from att_portal.meetings.enums import CallKind
    from att_portal.meetings.models import MeetingCall

    from .enums import OfferState, SubmissionKind
    from .models import (
        ImplementationQuestion,
        MeetingTopic,
        Phase,
        PresentationOffer,
        SubWorkingGroup,
        Topic,
        WrittenSubmission,
    )

    zurich = ZoneInfo("Europe/Zurich")
    topics = {}
    for number, (phase_title, topic_titles) in enumerate(WORKPLAN, start=1):
        phase, _created = Phase.objects.update_or_create(
            number=number,
            defaults={"title": phase_title, "is_cross_cutting": number == len(WORKPLAN)},
        )
        for position, title in enumerate(topic_titles, start=1):
            topics[phase_title, title], _created = Topic.objects.update_or_create(
                phase=phase, title=title, defaults={"position": position}
            )
    for key, questions in WORKPLAN_QUESTIONS.items():
        for position, text in enumerate(questions, start=1):
            ImplementationQuestion.objects.update_or_create(
                topic=topics[key], position=position, defaults={"text": text}
            )
    groups = {}
    for position, (name, facilitators, mandate) in enumerate(CSP12_SUB_WORKING_GROUPS, 1):
        groups[name], _created = SubWorkingGroup.objects.update_or_create(
            cycle=cycles[12],
            name=name,
            defaults={"facilitators": facilitators, "mandate": mandate, "position": position},
        )
    for code, profile in TRADE_PROFILES.items():
        state = states[code]
        if state.trade_profile != profile:
            state.trade_profile = profile
            state._change_reason = "Profile in the arms trade (demo)"
            state.save()
    march = meetings["WGETI meeting, March 2026"]
    practices = groups["Exchange of National Implementation Practices"]
    for key in (
        ("National control system", "National control list"),
        ("Application and authorisation", "Risk assessment"),
    ):
        MeetingTopic.objects.update_or_create(
            meeting=march, topic=topics[key], defaults={"sub_working_group": practices}
        )
    risk = topics["Application and authorisation", "Risk assessment"]
    chair = people["wgeti-chair"]
    for code, author, status, summary in (
        (
            "AT",
            "delegate-sp",
            OfferState.CONFIRMED,
            "How Austria's licensing authority applies Article 7, including Article 7(4).",
        ),
        (
            "MX",
            "dief-chair",
            OfferState.CONFIRMED,
            "Mexico's inter-agency review of import and export risk.",
        ),
        ("TH", "delegate-sig", OfferState.OFFERED, "Customs checks in Thailand's assessment."),
    ):
        offer, created = PresentationOffer.objects.get_or_create(
            meeting=march,
            topic=risk,
            state=states[code],
            defaults={"summary": summary, "submitted_by": people[author], "status": status},
        )
        if created:
            decided = status != OfferState.OFFERED
            PresentationOffer.objects.filter(pk=offer.pk).update(
                submitted_at=datetime.datetime(2026, 2, 20, 11, tzinfo=zurich),
                decided_by=chair if decided else None,
                decided_at=datetime.datetime(2026, 3, 2, 9, tzinfo=zurich) if decided else None,
            )
    call = MeetingCall.objects.get(meeting=march, kind=CallKind.WRITTEN_COMMENTS)
    for author, kind, text, published in (
        (
            "delegate-sp",
            SubmissionKind.COMMENTS,
            "Austria welcomes the draft agenda notes and suggests a session on brokering "
            "controls in the national control system.",
            True,
        ),
        (
            "ngo",
            SubmissionKind.TEXT_PROPOSAL,
            "Add to the guiding questions: “How are authorisations reassessed under Article 7(7)?”",
            False,
        ),
    ):
        person = people[author]
        submission, created = WrittenSubmission.objects.get_or_create(
            call=call,
            state=person.state,
            organisation=person.organisation,
            defaults={"kind": kind, "text": text, "submitted_by": person},
        )
        if created:
            WrittenSubmission.objects.filter(pk=submission.pk).update(
                submitted_at=datetime.datetime(2026, 3, 4, 16, tzinfo=zurich),
                published_at=(
                    datetime.datetime(2026, 3, 9, 10, tzinfo=zurich) if published else None
                ),
                published_by=chair if published else None,
            )


GUIDE_ARTS_6_7 = "Voluntary Guide to Implementing Articles 6 and 7"
ABRIDGED = " [Abridged for the demo.]"

# Chapter 3 of the guide as it stood in edition 1 (endorsed at CSP10). Paragraphs 104
# and 135 are the texts of seed 004, Appendix 3, without the sentences the proposed
# revisions add about Annex B; their neighbours are short stand-ins, marked as abridged.
GUIDE_CHAPTER_3 = [
    # (kind, number, English text)
    (
        "paragraph",
        "104",
        "Looking back, CSP9 encouraged States Parties to treat the risk of conventional arms "
        "being used to commit or facilitate serious acts of gender-based violence or serious "
        "acts of violence against women and children as a topic of priority focus, and to "
        "discuss it and exchange information and good practices during the CSP10 cycle. In "
        "this regard, the Conference also noted the working papers submitted on this topic by "
        "Argentina, and by Mexico and Spain with the support of the Small Arms Survey.",
    ),
    (
        "paragraph",
        "105",
        "Delegations described how their licensing authorities take account of the risk of "
        "gender-based violence when assessing exports under Article 7." + ABRIDGED,
    ),
    (
        "paragraph",
        "106",
        "Several States Parties consult reports of United Nations bodies and civil society "
        "organisations on gender-based violence in the recipient State." + ABRIDGED,
    ),
    (
        "box",
        "3",
        "Sources of information on gender-based violence used in export assessments." + ABRIDGED,
    ),
    (
        "paragraph",
        "107",
        "Participants stressed that the threshold of ‘serious acts’ calls for a careful "
        "case-by-case assessment." + ABRIDGED,
    ),
    (
        "paragraph",
        "108",
        "The Working Group noted that further discussion could lead to the development of "
        "dedicated voluntary guidance on assessing the risk of gender-based violence under "
        "Article 7(4)." + ABRIDGED,
    ),
    (
        "paragraph",
        "129",
        "The chapter then turns to measures to mitigate the risk of gender-based violence and "
        "violence against women and children." + ABRIDGED,
    ),
    (
        "paragraph",
        "130",
        "States Parties described assurances sought from importing States and training of "
        "security forces as possible mitigation measures." + ABRIDGED,
    ),
    (
        "paragraph",
        "131",
        "Delegations noted that long-standing patterns of violence make short-term mitigation "
        "difficult." + ABRIDGED,
    ),
    (
        "paragraph",
        "132",
        "Post-shipment cooperation was mentioned as a way to verify that commitments are met."
        + ABRIDGED,
    ),
    ("box", "7", "Examples of mitigation measures named by States Parties." + ABRIDGED),
    (
        "paragraph",
        "133",
        "The Small Arms Survey presented its report on national practices in assessing the "
        "risk of gender-based violence." + ABRIDGED,
    ),
    (
        "paragraph",
        "134",
        "The report focused on procedures, policies and data collection in recipient States."
        + ABRIDGED,
    ),
    (
        "paragraph",
        "135",
        "Finally, the chapter refers to the working paper presented by Argentina at the "
        "session on mitigation measures, although the paper itself did not contain national "
        "practices on mitigation measures. The working paper proposed the development of a "
        "good practice guide that would give States Parties the tools they need to carry out "
        "an effective risk assessment of exports of ammunition, parts and components of small "
        "arms and light weapons. Like the Small Arms Survey report, the proposal focused on "
        "procedures, policies and data collection in recipient States, and therefore included "
        "a questionnaire on the practices of States Parties in this area. In response to the "
        "proposal, delegates mentioned that existing guidance of ATT stakeholders could be "
        "considered in this process.²",
    ),
    (
        "footnote",
        "2",
        "In particular: Control Arms, How to use the Arms Trade Treaty to address "
        "gender-based violence: a practical guide for risk assessment, 2022; Control Arms, "
        "ATT Gender Action Plan, 2022; WILPF, Preventing gender-based violence through arms "
        "control, 2016; and Preventing gender-based violence through effective implementation "
        "of the Arms Trade Treaty, 2017.",
    ),
]

PARA_104_FR = (
    "Rétrospectivement, la CEP9 a encouragé les États Parties à traiter le risque que des "
    "armes classiques soient utilisées pour commettre ou faciliter des actes graves de "
    "violence fondée sur le genre ou des actes graves de violence contre les femmes et les "
    "enfants comme un thème prioritaire, et à en débattre et à échanger des informations et "
    "des bonnes pratiques au cours du cycle de la CEP10. À cet égard, la Conférence a "
    "également pris note des documents de travail présentés sur ce thème par l’Argentine, "
    "ainsi que par le Mexique et l’Espagne avec l’appui du Small Arms Survey."
)

PARA_104_REVISED = (
    GUIDE_CHAPTER_3[0][2] + " Following further discussions in the CSP10 and CSP11 cycles, "
    "including the presentation by Control Arms on ‘Guidance on implementing Article 7(4) of "
    "the Arms Trade Treaty’ at the WGETI meeting of the CSP11 cycle, States Parties agreed to "
    "apply the export assessment of Article 7(1) to (3) to gender-based violence and violence "
    "against women and children through a flowchart, as a supplement to the existing guidance "
    "on Article 7 in this Voluntary Guide. The flowchart, contained in Annex B of this "
    "Voluntary Guide, outlines the steps that States should take in an export assessment "
    "concerning gender-based violence and gives guidance on each step."
)

PARA_135_REVISED = (
    GUIDE_CHAPTER_3[-2][2] + " As noted in paragraph 108, following further discussions in "
    "the CSP10 and CSP11 cycles, the flowchart has been consolidated in Annex B."
)

# Seed 004, Appendix 2: the six steps of the flowchart, one paragraph each.
ANNEX_B_STEPS = [
    "Step 1. Identify the types of gender-based violence and violence against women and "
    "children that are common in the recipient State. Licensing officials must follow how "
    "the nature of such violence changes in each State; it covers sexual violence and acts "
    "committed because of sex and/or socially constructed gender roles.",
    "Step 2. Judge how serious the common acts or violations are, by their gravity and the "
    "harm done to victims. The threshold is low but still calls for a careful, thorough "
    "case-by-case assessment; treating only widespread and systematic violations as serious "
    "risks overlooking grave harm to few victims.",
    "Step 3. Determine whether the importing State is taking effective action to prevent "
    "gender-based violence and violence against women and children: does it have laws "
    "addressing such violations, are they punished, are the armed, security and police "
    "forces trained to prevent them?",
    "Step 4. Assess whether the arms or items to be transferred could be used to commit or "
    "facilitate the serious acts identified in Steps 1 and 2; ‘facilitate’ covers arms that "
    "make violations easier even when not directly used, including by non-State actors.",
    "Step 5. Determine whether mitigation measures or other means could adequately and "
    "significantly reduce the Article 7(1) risks identified in Step 4; long-standing, deeply "
    "rooted patterns of violence make short-term mitigation difficult.",
    "Step 6. Judge whether there is an ‘overriding risk’ of the negative consequences "
    "identified in Step 4. If there is, the export must not be authorised.",
]

FACT_SHEET_ART_7_4 = (
    # Seed 004, footnote 11: the parts of the guide on Article 7(4).
    "1: 26-35\n1: box 1-2\n3: 104-108\n3: box 3\n3: 129-135\n3: box 7"
)


def _voluntary_guides(people: dict, cycles: dict) -> None:
    """The Voluntary Guide to Implementing Articles 6 and 7, edition 1 (CSP10), with the
    proposed revisions of seed 004, Appendix 3, and the proposed Annex B of Appendix 2."""
    import datetime

    from working_groups.guides.enums import (
        ChangeAction,
        EditionState,
        ProposerKind,
        RevisionState,
        SectionKind,
    )
    from working_groups.guides.models import (
        FactSheet,
        Guide,
        GuideBlock,
        GuideEdition,
        GuideSection,
        ProposedRevision,
        RevisionChange,
        RevisionComment,
    )

    if Guide.objects.filter(title_en=GUIDE_ARTS_6_7).exists():
        return
    guide = Guide.objects.create(
        title_en=GUIDE_ARTS_6_7,
        title_fr="Guide volontaire pour la mise en œuvre des articles 6 et 7",
    )
    edition = GuideEdition.objects.create(
        guide=guide,
        number=1,
        state=EditionState.PUBLISHED,
        published_on=datetime.date(2024, 8, 23),
        endorsed_at_cycle=cycles[10],
    )
    chapter = GuideSection.objects.create(
        edition=edition,
        kind=SectionKind.CHAPTER,
        label="3",
        title_en="Exports and export assessment",
        title_fr="Exportations et évaluation des exportations",
        position=3,
    )
    blocks = {}
    for position, (kind, number, text) in enumerate(GUIDE_CHAPTER_3, start=1):
        blocks[number] = GuideBlock.objects.create(
            section=chapter,
            kind=kind,
            number=number,
            key=f"{kind}-{number}",
            text_en=text,
            text_fr=PARA_104_FR if (kind, number) == ("paragraph", "104") else "",
            position=position,
        )
    FactSheet.objects.create(
        guide=guide,
        title_en="Fact sheet: Article 7(4) — gender-based violence",
        selection=FACT_SHEET_ART_7_4,
    )
    chair = people["wgeti-chair"]
    common = {
        "guide": guide,
        "base_edition": edition,
        "proposer_kind": ProposerKind.CHAIR,
        "proposed_by": chair,
    }
    para_104 = ProposedRevision.objects.create(
        **common,
        title="Paragraph 104: supplementary guidance on Article 7(4)",
        rationale="Seed 004, Appendix 3: refer to the flowchart of Annex B.",
        comments_due_on=datetime.date(2026, 3, 5),
        state=RevisionState.ENDORSED,
        discussed_on=datetime.date(2026, 3, 17),
        endorsed_on=datetime.date(2026, 8, 28),
        endorsed_at_cycle=cycles[12],
        decided_by=people["secretariat"],
        version=3,
    )
    RevisionChange.objects.create(
        revision=para_104,
        action=ChangeAction.REPLACE,
        target=blocks["104"],
        new_text_en=PARA_104_REVISED,
        position=1,
    )
    RevisionComment.objects.create(
        revision=para_104,
        author=people["ngo"],
        on_behalf_of=people["ngo"].affiliation_label,
        text="Control Arms welcomes the reference to the flowchart.",
    )
    para_135 = ProposedRevision.objects.create(
        **common,
        title="Paragraph 135: consolidation of the flowchart in Annex B",
        rationale="Seed 004, Appendix 3: point from paragraph 135 to Annex B.",
        comments_due_on=datetime.date(2026, 3, 5),
        state=RevisionState.DISCUSSED,
        discussed_on=datetime.date(2026, 3, 17),
        decided_by=chair,
        version=2,
    )
    RevisionChange.objects.create(
        revision=para_135,
        action=ChangeAction.REPLACE,
        target=blocks["135"],
        new_text_en=PARA_135_REVISED,
        position=1,
    )
    annex_b = ProposedRevision.objects.create(
        **common,
        title="Annex B: flowchart for assessing the risk of gender-based violence (Art. 7(4))",
        rationale="Seed 004, Appendix 2: the six-step flowchart, revised after CSP11.",
        comments_due_on=datetime.date(2027, 6, 30),
    )
    RevisionChange.objects.create(
        revision=annex_b,
        action=ChangeAction.NEW_ANNEX,
        annex_label="B",
        annex_title="Flowchart for the export assessment of gender-based violence and "
        "violence against women and children",
        new_text_en="\n\n".join(ANNEX_B_STEPS),
        position=1,
    )
