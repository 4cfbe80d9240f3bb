"""Demo material of WGETI (seeds 002 and 004), called by `att_portal.demo.seed`; each area
adds its own function here."""

from __future__ import annotations

# The agenda items of the accepted ad hoc issues: the proposal keeps its author's English
# title, the Chair's agenda has it in the six languages (the Chinese of seed 004).
AD_HOC_AGENDA_TITLES = {
    "Risk assessment of arms exports to Sudan": {
        "en": "Risk assessment of arms exports to Sudan",
        "fr": "Évaluation des risques liés aux exportations d'armes vers le Soudan",
        "es": "Evaluación de los riesgos de las exportaciones de armas al Sudán",
        "ru": "Оценка рисков, связанных с экспортом оружия в Судан",
        "ar": "تقييم مخاطر صادرات الأسلحة إلى السودان",
        "zh-hans": "对向苏丹出口武器的风险评估",
    },
    "Maritime security and the Arms Trade Treaty": {
        "en": "Maritime security and the Arms Trade Treaty",
        "fr": "La sécurité maritime et le Traité sur le commerce des armes",
        "es": "La seguridad marítima y el Tratado sobre el Comercio de Armas",
        "ru": "Безопасность на море и Договор о торговле оружием",
        "ar": "الأمن البحري ومعاهدة تجارة الأسلحة",
        "zh-hans": "海上安全与《武器贸易条约》",
    },
    "Reassessment of authorised arms transfers under Article 7(7)": {
        "en": "Reassessment of authorised arms transfers under Article 7(7)",
        "fr": "Réévaluation des transferts d'armes autorisés au titre du paragraphe 7 de "
        "l'article 7",
        "es": "Reevaluación de las transferencias de armas autorizadas con arreglo al "
        "artículo 7, párrafo 7",
        "ru": "Повторная оценка разрешенных передач оружия согласно пункту 7 статьи 7",
        "ar": "إعادة تقييم عمليات نقل الأسلحة المأذون بها بموجب الفقرة 7 من المادة 7",
        "zh-hans": "从执行第7条第(7)款的角度重新评估已批准的武器转让",
    },
}


def _ad_hoc_issues(people: dict, meetings: dict, cycles: dict) -> None:
    """Seed 004: the CSP12 President's call of 4 December 2025 (due 1 February 2026) and
    the three proposals it received, all three taken up in the sub-working group on
    Current and Emerging Implementation Issues (004 ¶8, Annex B-2 ¶5, Appendix 5). The
    Small Arms Survey proposed Panama to chair (to be confirmed) besides three speakers;
    Control Arms gave no guiding questions and named its two speakers on 17 February,
    after the due date. Created directly: the call is closed by now."""
    import datetime
    from zoneinfo import ZoneInfo

    from att_portal.demo import AD_HOC_ISSUES_CALL, in_languages, refresh_translations
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
            **in_languages("title", AD_HOC_ISSUES_CALL),
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
            ("", False),
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
                ("", "", "UNIDIR", True),
                ("", "", "Small Arms Survey", True),  # the person is not named yet
                (
                    "",
                    "",
                    "Maritime Security Team and Centre for Trust, Peace and Social Relations, "
                    "Coventry University",
                    True,
                ),
            ],
            ("Panama", True),
            datetime.datetime(2026, 1, 30, 16, 30, tzinfo=zurich),
            ProposalState.ACCEPTED,
        ),
        (
            people["ngo"],
            "Reassessment of authorised arms transfers under Article 7(7)",
            "States Parties maintain existing authorisations when they become aware of new "
            "information on the serious risk of violations of Articles 6 and 7, and hold "
            "differing interpretations of what triggers a reassessment under Article 7(7).",
            "",  # Control Arms' letter gives no guiding questions
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
            ],
            ("", False),
            datetime.datetime(2026, 2, 1, 17, 0, tzinfo=zurich),
            ProposalState.ACCEPTED,
        ),
    ]
    for author, title, memorandum, questions, speakers, moderator, submitted_at, state in proposals:
        proposal, created = AdHocIssueProposal.objects.get_or_create(
            call=call,
            title=title,
            defaults={
                "organisation": author.organisation,
                "submitted_by": author,
                "memorandum": memorandum,
                "sub_working_group": swg,
            },
        )
        # The texts as the seeds give them (a demo seeded before had other ones).
        AdHocIssueProposal.objects.filter(pk=proposal.pk).update(
            guiding_questions=questions,
            moderator=moderator[0],
            moderator_to_be_confirmed=moderator[1],
        )
        proposal.guiding_questions = questions
        proposal.moderator, proposal.moderator_to_be_confirmed = moderator
        if (
            created
            or [
                (s.name, s.title, s.affiliation, s.to_be_confirmed) for s in proposal.speakers.all()
            ]
            != speakers
        ):
            proposal.speakers.all().delete()
            for position, (name, job, affiliation, tbc) in enumerate(speakers, start=1):
                ProposedSpeaker.objects.create(
                    proposal=proposal,
                    position=position,
                    name=name,
                    title=job,
                    affiliation=affiliation,
                    to_be_confirmed=tbc,
                )
        if proposal.agenda_item is not None:
            # Seeded again: the agenda item keeps its place and gets today's wording.
            refresh_translations(
                proposal.agenda_item,
                {
                    "title": AD_HOC_AGENDA_TITLES.get(title, {"en": title}),
                    "annotation": agenda_annotation(proposal),
                },
            )
            AgendaItem.objects.filter(pk=proposal.agenda_item.pk).update(
                presenters=presenters_of(proposal)
            )
            continue
        if created:
            AdHocIssueProposal.objects.filter(pk=proposal.pk).update(submitted_at=submitted_at)
            proposal.submitted_at = submitted_at
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
        set_translations(item, "title", AD_HOC_AGENDA_TITLES.get(title, title))
        set_translations(item, "annotation", agenda_annotation(proposal))
        item.save()
        proposal.state_of_proposal = state
        proposal.decided_by = chair
        proposal.decided_at = datetime.datetime(2026, 2, 18, 10, 0, tzinfo=zurich)
        proposal.agenda_item = item
        proposal._history_user = chair
        proposal.save()


def seed(people: dict, states: dict, meetings: dict, cycles: dict, ahead) -> None:
    """Each area of WGETI seeds its part here. `meetings`: the historical ones by English
    title; `ahead`: the meetings laid out relative to today (`att_portal.demo`)."""
    _voluntary_guides(people, cycles)
    seed_structure(people, states, meetings, cycles)
    _ad_hoc_issues(people, meetings, cycles)
    _meeting_ahead(people, states, ahead.wgeti)
    _revision_open_for_comments(people, ahead.wgeti)


# The WGETI meeting ahead takes up these topics in the sub-working group on national
# practices (its mandate: risk assessment under Articles 6 and 7).
TOPICS_AHEAD = [
    ("Risk assessment (covering Articles 6 and 7)", "Risk assessment"),
    ("Application and authorisation", "Mitigation measures"),
]


def _meeting_ahead(people: dict, states: dict, meeting) -> None:
    """The WGETI meeting ahead: its cycle's sub-working groups (those of CSP12 carry on,
    with their facilitators), the topics it takes up, and Mexico's offer to present, still
    before the Chair. Its calls and invitations come with the meeting (att_portal.demo)."""
    from att_portal.demo import in_languages
    from att_portal.l10n.content import english

    from .enums import OfferState
    from .models import MeetingTopic, PresentationOffer, SubWorkingGroup, Topic

    groups = {}
    for position, (name, facilitators, mandate) in enumerate(CSP12_SUB_WORKING_GROUPS, 1):
        group = SubWorkingGroup.objects.filter(cycle=meeting.cycle, name_en=english(name)).first()
        if group is None:
            group = SubWorkingGroup(
                cycle=meeting.cycle,
                facilitators=facilitators,
                position=position,
                **in_languages("name", name),
                **in_languages("mandate", mandate),
            )
            group._change_reason = "Demo: the sub-working groups carry on"
            group.full_clean()
            group.save()
        groups[english(name)] = group
    topics = {}
    for phase, title in TOPICS_AHEAD:
        topics[title] = Topic.objects.get(phase__title_en=phase, title_en=title)
        MeetingTopic.objects.get_or_create(
            meeting=meeting,
            topic=topics[title],
            defaults={"sub_working_group": groups["Exchange of National Implementation Practices"]},
        )
    PresentationOffer.objects.get_or_create(
        meeting=meeting,
        topic=topics["Mitigation measures"],
        state=states["MX"],
        defaults={
            "summary": "How Mexico's inter-agency committee weighs the assurances offered by "
            "importing States before authorising an export.",
            "submitted_by": people["dief-chair"],
            "status": OfferState.OFFERED,
        },
    )


# The multi-year workplan's topics, numbered as the seeds number them: seed 004 (Annex
# B-1 ¶9) calls "enforcement arrangements" the seventh topic, and the CSP12 sub-working
# group takes up "national control system – brokering" and "risk assessment (covering
# Articles 6 and 7)" (004 ¶6, Annex A items 2 and 3). The others follow the order of
# seed 002's chart of the phases of implementation; each lists the aspects the chart
# gives it. The last is the cross-cutting function.
BROKERING = "National control system – brokering"
RISK_ASSESSMENT = "Risk assessment (covering Articles 6 and 7)"
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
        BROKERING,
        [
            "Legislation",
            "Prohibitions",
            "Competent national authorities",
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
            "Mitigation measures",
            "Decision-making",
            "Document verification",
            "Commitments of actors",
        ],
    ),
    (RISK_ASSESSMENT, ["Risk assessment", "Review of decisions"]),
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
    (BROKERING, "Legislation"): [
        "How does the legislation control brokering activities of the Treaty's scope?",
    ],
    (RISK_ASSESSMENT, "Risk assessment"): [
        "Which sources of information inform the assessment under Articles 6 and 7?",
        "How is the risk of serious acts of gender-based violence (Article 7(4)) assessed?",
    ],
    (RISK_ASSESSMENT, "Review of decisions"): [
        "When is an authorisation reassessed if new relevant information comes to light?",
    ],
    ("Post-delivery measures", "Delivery verification certificates"): [
        "Which authority issues delivery verification certificates, and in what form?",
    ],
    ("ATT domestication", "National consultation"): [
        "Which ministries, agencies and stakeholders take part in the national consultation?",
    ],
}
# The workplan's phases and topics in the other five UN languages, keyed by the English
# text (a topic named twice is translated once). Chinese: the terms of seed 002 (its chart
# of the general periods/phases), and of seed 004 where it names the same thing.
WORKPLAN_TEXTS = {
    # Phases
    "ATT domestication": {
        "fr": "Transposition du TCA dans le droit interne",
        "es": "Incorporación del TCA al derecho interno",
        "ru": "Имплементация ДТО во внутреннем праве",
        "ar": "إدماج معاهدة تجارة الأسلحة في القانون الوطني",
        "zh-hans": "ATT归化",
    },
    "National control system": {
        "fr": "Système national de contrôle",
        "es": "Sistema nacional de control",
        "ru": "Национальная система контроля",
        "ar": "نظام المراقبة الوطني",
        "zh-hans": "国家管制制度",
    },
    "General regulation of actors in transfers": {
        "fr": "Réglementation générale des acteurs des transferts",
        "es": "Regulación general de los agentes que intervienen en las transferencias",
        "ru": "Общее регулирование деятельности участников передач",
        "ar": "التنظيم العام للجهات الفاعلة في عمليات النقل",
        "zh-hans": "转让行为体的一般监管",
    },
    BROKERING: {
        "fr": "Système national de contrôle – courtage",
        "es": "Sistema nacional de control – intermediación",
        "ru": "Национальная система контроля – брокерская деятельность",
        "ar": "نظام المراقبة الوطني – السمسرة",
        "zh-hans": "国家管制制度 - 中介活动",
    },
    RISK_ASSESSMENT: {
        "fr": "Évaluation des risques (articles 6 et 7)",
        "es": "Evaluación de riesgos (artículos 6 y 7)",
        "ru": "Оценка рисков (статьи 6 и 7)",
        "ar": "تقييم المخاطر (المادتان 6 و7)",
        "zh-hans": "风险评估（涵盖第6条和第7条）",
    },
    "Application and authorisation": {
        "fr": "Demande et autorisation",
        "es": "Solicitud y autorización",
        "ru": "Подача заявок и выдача разрешений",
        "ar": "تقديم الطلبات ومنح الأذون",
        "zh-hans": "申请和批准",
    },
    "Enforcement arrangements": {
        "fr": "Dispositifs de contrôle de l'application",
        "es": "Mecanismos de control del cumplimiento",
        "ru": "Механизмы обеспечения соблюдения",
        "ar": "ترتيبات الإنفاذ",
        "zh-hans": "执法安排",
    },
    "Information management": {
        "fr": "Gestion de l'information",
        "es": "Gestión de la información",
        "ru": "Управление информацией",
        "ar": "إدارة المعلومات",
        "zh-hans": "信息管理",
    },
    "Accounting and reporting": {
        "fr": "Comptabilité et établissement de rapports",
        "es": "Contabilidad y presentación de informes",
        "ru": "Учет и отчетность",
        "ar": "المحاسبة والإبلاغ",
        "zh-hans": "会计核算和报告",
    },
    "Post-delivery measures": {
        "fr": "Mesures postérieures à la livraison",
        "es": "Medidas posteriores a la entrega",
        "ru": "Меры после поставки",
        "ar": "تدابير ما بعد التسليم",
        "zh-hans": "交付后措施",
    },
    "International cooperation and assistance": {
        "fr": "Coopération et assistance internationales",
        "es": "Cooperación y asistencia internacionales",
        "ru": "Международное сотрудничество и помощь",
        "ar": "التعاون والمساعدة على الصعيد الدولي",
        "zh-hans": "国际合作与援助",
    },
    # Topics
    "Role of the executive": {
        "fr": "Rôle du pouvoir exécutif",
        "es": "Función del poder ejecutivo",
        "ru": "Роль исполнительной власти",
        "ar": "دور السلطة التنفيذية",
        "zh-hans": "执行角色",
    },
    "Role of parliament": {
        "fr": "Rôle du parlement",
        "es": "Función del parlamento",
        "ru": "Роль парламента",
        "ar": "دور البرلمان",
        "zh-hans": "议会的作用",
    },
    "Legislative process": {
        "fr": "Processus législatif",
        "es": "Proceso legislativo",
        "ru": "Законодательный процесс",
        "ar": "العملية التشريعية",
        "zh-hans": "立法程序",
    },
    "National consultation": {
        "fr": "Consultation nationale",
        "es": "Consulta nacional",
        "ru": "Национальные консультации",
        "ar": "المشاورات الوطنية",
        "zh-hans": "国家协商进程",
    },
    "Infrastructure": {
        "fr": "Infrastructure",
        "es": "Infraestructura",
        "ru": "Инфраструктура",
        "ar": "البنية الأساسية",
        "zh-hans": "基础设施",
    },
    "National control list": {
        "fr": "Liste nationale de contrôle",
        "es": "Lista nacional de control",
        "ru": "Национальный контрольный список",
        "ar": "قائمة المراقبة الوطنية",
        "zh-hans": "国家管制清单",
    },
    "Competent national authorities": {
        "fr": "Autorités nationales compétentes",
        "es": "Autoridades nacionales competentes",
        "ru": "Компетентные национальные органы",
        "ar": "السلطات الوطنية المختصة",
        "zh-hans": "国家主管部门",
    },
    "National points of contact": {
        "fr": "Points de contact nationaux",
        "es": "Puntos de contacto nacionales",
        "ru": "Национальные координационные центры",
        "ar": "جهات الاتصال الوطنية",
        "zh-hans": "国家联络点",
    },
    "Legislation": {
        "fr": "Législation",
        "es": "Legislación",
        "ru": "Законодательство",
        "ar": "التشريعات",
        "zh-hans": "立法",
    },
    "Inter-agency coordination": {
        "fr": "Coordination interinstitutions",
        "es": "Coordinación interinstitucional",
        "ru": "Межведомственная координация",
        "ar": "التنسيق بين الوكالات",
        "zh-hans": "机构间协调",
    },
    "Registration": {
        "fr": "Enregistrement",
        "es": "Registro",
        "ru": "Регистрация",
        "ar": "التسجيل",
        "zh-hans": "登记措施",
    },
    "Outreach, including to industry": {
        "fr": "Sensibilisation, y compris auprès de l'industrie",
        "es": "Divulgación, en particular entre la industria",
        "ru": "Информационно-разъяснительная работа, в том числе с промышленностью",
        "ar": "التوعية، بما في ذلك التوعية الموجهة إلى الصناعة",
        "zh-hans": "外联计划，包括与行业的外联",
    },
    "Internal compliance programmes": {
        "fr": "Programmes internes de conformité",
        "es": "Programas internos de cumplimiento",
        "ru": "Программы внутреннего контроля за соблюдением требований",
        "ar": "برامج الامتثال الداخلي",
        "zh-hans": "内部合规计划",
    },
    "Regulatory documents": {
        "fr": "Documents réglementaires",
        "es": "Documentos reglamentarios",
        "ru": "Нормативные документы",
        "ar": "الوثائق التنظيمية",
        "zh-hans": "法规文件",
    },
    "Prohibitions": {
        "fr": "Interdictions",
        "es": "Prohibiciones",
        "ru": "Запреты",
        "ar": "المحظورات",
        "zh-hans": "禁止",
    },
    "Risk assessment": {
        "fr": "Évaluation des risques",
        "es": "Evaluación de riesgos",
        "ru": "Оценка рисков",
        "ar": "تقييم المخاطر",
        "zh-hans": "风险评估",
    },
    "Mitigation measures": {
        "fr": "Mesures d'atténuation",
        "es": "Medidas de mitigación",
        "ru": "Меры по снижению рисков",
        "ar": "تدابير التخفيف",
        "zh-hans": "缓解措施",
    },
    "Decision-making": {
        "fr": "Prise de décisions",
        "es": "Adopción de decisiones",
        "ru": "Принятие решений",
        "ar": "اتخاذ القرارات",
        "zh-hans": "决策",
    },
    "Review of decisions": {
        "fr": "Réexamen des décisions",
        "es": "Revisión de las decisiones",
        "ru": "Пересмотр решений",
        "ar": "مراجعة القرارات",
        "zh-hans": "审查决定",
    },
    "Document verification": {
        "fr": "Vérification des documents",
        "es": "Verificación de documentos",
        "ru": "Проверка документов",
        "ar": "التحقق من الوثائق",
        "zh-hans": "文件的验证",
    },
    "Commitments of actors": {
        "fr": "Engagements des acteurs",
        "es": "Compromisos de los agentes",
        "ru": "Обязательства участников",
        "ar": "التزامات الجهات الفاعلة",
        "zh-hans": "各个角色的承诺",
    },
    "Legal framework": {
        "fr": "Cadre juridique",
        "es": "Marco jurídico",
        "ru": "Правовая база",
        "ar": "الإطار القانوني",
        "zh-hans": "法律框架",
    },
    "Legal and administrative procedures": {
        "fr": "Procédures juridiques et administratives",
        "es": "Procedimientos jurídicos y administrativos",
        "ru": "Правовые и административные процедуры",
        "ar": "الإجراءات القانونية والإدارية",
        "zh-hans": "法律和行政程序",
    },
    "Records": {
        "fr": "Registres",
        "es": "Registros",
        "ru": "Ведение документации",
        "ar": "السجلات",
        "zh-hans": "记录管理",
    },
    "National coordination": {
        "fr": "Coordination nationale",
        "es": "Coordinación nacional",
        "ru": "Национальная координация",
        "ar": "التنسيق الوطني",
        "zh-hans": "国家协调",
    },
    "Litigation": {
        "fr": "Contentieux",
        "es": "Litigios",
        "ru": "Судебные разбирательства",
        "ar": "التقاضي",
        "zh-hans": "诉讼安排",
    },
    "Reports to the Secretariat": {
        "fr": "Rapports au Secrétariat",
        "es": "Informes a la Secretaría",
        "ru": "Доклады Секретариату",
        "ar": "التقارير المقدمة إلى الأمانة",
        "zh-hans": "将报告移交给秘书处",
    },
    "Reports to cabinet": {
        "fr": "Rapports au conseil des ministres",
        "es": "Informes al consejo de ministros",
        "ru": "Доклады кабинету министров",
        "ar": "التقارير المقدمة إلى مجلس الوزراء",
        "zh-hans": "向内阁报告",
    },
    "Reports to parliament": {
        "fr": "Rapports au parlement",
        "es": "Informes al parlamento",
        "ru": "Доклады парламенту",
        "ar": "التقارير المقدمة إلى البرلمان",
        "zh-hans": "向议会提交的报告",
    },
    "Audit queries": {
        "fr": "Demandes des organes de contrôle des comptes",
        "es": "Consultas de los órganos de auditoría",
        "ru": "Запросы органов аудита",
        "ar": "استفسارات مراجعي الحسابات",
        "zh-hans": "审计查询",
    },
    "Public requests": {
        "fr": "Demandes du public",
        "es": "Solicitudes del público",
        "ru": "Запросы общественности",
        "ar": "طلبات الجمهور",
        "zh-hans": "公开信息请求",
    },
    "Transfer assurances": {
        "fr": "Garanties relatives aux transferts",
        "es": "Garantías relativas a las transferencias",
        "ru": "Гарантии в отношении передачи",
        "ar": "ضمانات النقل",
        "zh-hans": "转让承诺",
    },
    "Delivery verification certificates": {
        "fr": "Certificats de vérification de livraison",
        "es": "Certificados de verificación de la entrega",
        "ru": "Сертификаты подтверждения доставки",
        "ar": "شهادات التحقق من التسليم",
        "zh-hans": "交付核查证书（DVC）",
    },
    "Post-shipment cooperation": {
        "fr": "Coopération après expédition",
        "es": "Cooperación posterior al envío",
        "ru": "Сотрудничество после отгрузки",
        "ar": "التعاون بعد الشحن",
        "zh-hans": "装运后合作",
    },
    "Verification": {
        "fr": "Vérification",
        "es": "Verificación",
        "ru": "Проверка",
        "ar": "التحقق",
        "zh-hans": "验证",
    },
    "Stockpile management": {
        "fr": "Gestion des stocks",
        "es": "Gestión de existencias",
        "ru": "Управление запасами",
        "ar": "إدارة المخزونات",
        "zh-hans": "库存管理",
    },
    "International cooperation": {
        "fr": "Coopération internationale",
        "es": "Cooperación internacional",
        "ru": "Международное сотрудничество",
        "ar": "التعاون الدولي",
        "zh-hans": "国际合作",
    },
    "International assistance": {
        "fr": "Assistance internationale",
        "es": "Asistencia internacional",
        "ru": "Международная помощь",
        "ar": "المساعدة الدولية",
        "zh-hans": "国际援助",
    },
    # Practical implementation questions
    "How does the legislation control brokering activities of the Treaty's scope?": {
        "fr": "Comment la législation encadre-t-elle les activités de courtage relevant du "
        "champ d'application du Traité\u00a0?",
        "es": "¿Cómo regula la legislación las actividades de intermediación comprendidas en "
        "el ámbito de aplicación del Tratado?",
        "ru": "Каким образом законодательство регулирует брокерскую деятельность, "
        "охватываемую сферой применения Договора?",
        "ar": "كيف ينظم التشريع أنشطة السمسرة التي تدخل في نطاق المعاهدة؟",
        "zh-hans": "立法如何管制属于《条约》范围的中介活动？",
    },
    "How does the national control list cover the eight categories of Article 2(1)?": {
        "fr": "Comment la liste nationale de contrôle couvre-t-elle les huit catégories visées "
        "au paragraphe 1 de l'article 2\u00a0?",
        "es": "¿Cómo abarca la lista nacional de control las ocho categorías del artículo 2, "
        "párrafo 1?",
        "ru": "Каким образом национальный контрольный список охватывает восемь категорий, "
        "указанных в пункте 1 статьи 2?",
        "ar": "كيف تشمل قائمة المراقبة الوطنية الفئات الثماني المذكورة في الفقرة 1 من المادة 2؟",
        "zh-hans": "国家管制清单如何涵盖第2条第(1)款所列的八个类别？",
    },
    "How and how often is the list updated, and who is consulted?": {
        "fr": "Comment et à quelle fréquence la liste est-elle mise à jour, et qui est "
        "consulté\u00a0?",
        "es": "¿Cómo y con qué frecuencia se actualiza la lista, y a quién se consulta?",
        "ru": "Каким образом и как часто обновляется список и с кем проводятся консультации?",
        "ar": "كيف تُحدَّث القائمة وكم مرة، ومن يُستشار في ذلك؟",
        "zh-hans": "清单如何更新、多久更新一次，征求哪些方面的意见？",
    },
    "Which sources of information inform the assessment under Articles 6 and 7?": {
        "fr": "Sur quelles sources d'information l'évaluation au titre des articles 6 et 7 "
        "s'appuie-t-elle\u00a0?",
        "es": "¿En qué fuentes de información se basa la evaluación con arreglo a los "
        "artículos 6 y 7?",
        "ru": "На какие источники информации опирается оценка согласно статьям 6 и 7?",
        "ar": "ما مصادر المعلومات التي يستند إليها التقييم بموجب المادتين 6 و7؟",
        "zh-hans": "根据第6条和第7条进行评估时参考哪些信息来源？",
    },
    "How is the risk of serious acts of gender-based violence (Article 7(4)) assessed?": {
        "fr": "Comment le risque d'actes graves de violence fondée sur le genre (paragraphe 4 "
        "de l'article 7) est-il évalué\u00a0?",
        "es": "¿Cómo se evalúa el riesgo de actos graves de violencia por razón de género "
        "(artículo 7, párrafo 4)?",
        "ru": "Каким образом оценивается риск совершения серьезных актов гендерного насилия "
        "(пункт 4 статьи 7)?",
        "ar": "كيف يُقيَّم خطر ارتكاب أعمال خطيرة من العنف القائم على نوع الجنس (الفقرة 4 من "
        "المادة 7)؟",
        "zh-hans": "如何评估严重的基于性别的暴力行为的风险（第7条第(4)款）？",
    },
    "When is an authorisation reassessed if new relevant information comes to light?": {
        "fr": "Dans quels cas une autorisation est-elle réévaluée lorsque de nouvelles "
        "informations pertinentes apparaissent\u00a0?",
        "es": "¿En qué casos se vuelve a evaluar una autorización si sale a la luz nueva "
        "información pertinente?",
        "ru": "В каких случаях разрешение подлежит повторной оценке, если появляется новая "
        "соответствующая информация?",
        "ar": "متى يُعاد تقييم الإذن إذا ظهرت معلومات جديدة ذات صلة؟",
        "zh-hans": "出现新的相关信息时，在何种情况下重新评估批准？",
    },
    "Which authority issues delivery verification certificates, and in what form?": {
        "fr": "Quelle autorité délivre les certificats de vérification de livraison, et sous "
        "quelle forme\u00a0?",
        "es": "¿Qué autoridad expide los certificados de verificación de la entrega, y en "
        "qué forma?",
        "ru": "Какой орган выдает сертификаты подтверждения доставки и в какой форме?",
        "ar": "ما السلطة التي تصدر شهادات التحقق من التسليم، وبأي شكل؟",
        "zh-hans": "哪个主管部门签发交付核查证书，采用何种形式？",
    },
    "Which ministries, agencies and stakeholders take part in the national consultation?": {
        "fr": "Quels ministères, organismes et parties prenantes participent à la "
        "consultation nationale\u00a0?",
        "es": "¿Qué ministerios, organismos y partes interesadas participan en la consulta "
        "nacional?",
        "ru": "Какие министерства, ведомства и заинтересованные стороны участвуют в "
        "национальных консультациях?",
        "ar": "ما الوزارات والوكالات والجهات صاحبة المصلحة التي تشارك في المشاورات الوطنية؟",
        "zh-hans": "哪些部委、机构和利益攸关方参与国家协商进程？",
    },
}


def _in_six(english_text: str) -> dict[str, str]:
    """A workplan text in the six languages (English alone if it has no translation)."""
    return {"en": english_text, **WORKPLAN_TEXTS.get(english_text, {})}


# Seed 004: the CSP12 sub-working groups and their facilitators; name and mandate in the
# six languages (the Chinese of seed 004).
CSP12_SUB_WORKING_GROUPS = [
    (
        {
            "en": "Exchange of National Implementation Practices",
            "fr": "Échange de pratiques nationales de mise en œuvre",
            "es": "Intercambio de prácticas nacionales de aplicación",
            "ru": "Обмен национальной практикой осуществления",
            "ar": "تبادل الممارسات الوطنية في مجال التنفيذ",
            "zh-hans": "交流国家执行做法",
        },
        "Ms Essate Weldemichael and Mr Edward Kawa (Sierra Leone)",
        {
            "en": "Exchange of national practice on the national control system (brokering) "
            "and on risk assessment under Articles 6 and 7.",
            "fr": "Échange de pratiques nationales sur le système national de contrôle "
            "(courtage) et sur l'évaluation des risques au titre des articles 6 et 7.",
            "es": "Intercambio de prácticas nacionales sobre el sistema nacional de control "
            "(intermediación) y sobre la evaluación de riesgos con arreglo a los artículos 6 "
            "y 7.",
            "ru": "Обмен национальной практикой в отношении национальной системы контроля "
            "(брокерская деятельность) и оценки рисков согласно статьям 6 и 7.",
            "ar": "تبادل الممارسات الوطنية بشأن نظام المراقبة الوطني (السمسرة) وبشأن تقييم "
            "المخاطر بموجب المادتين 6 و7.",
            "zh-hans": "就国家管制制度（中介活动）以及第6条和第7条规定的风险评估交流国家做法。",
        },
    ),
    (
        {
            "en": "Current and Emerging Implementation Issues",
            "fr": "Questions actuelles et nouvelles relatives à la mise en œuvre",
            "es": "Cuestiones actuales y emergentes relativas a la aplicación",
            "ru": "Текущие и возникающие вопросы осуществления",
            "ar": "مسائل التنفيذ الراهنة والناشئة",
            "zh-hans": "当前和新出现的执行问题",
        },
        "Col. Philippe Lejeune (France), WGETI Chair",
        {
            "en": "Scope and national control lists; role of industry and human rights/IHL due "
            "diligence; guidance on Article 7(4); inter-agency cooperation.",
            "fr": "Champ d'application et listes nationales de contrôle\u00a0; rôle de l'industrie "
            "et devoir de diligence en matière de droits de l'homme et de droit international "
            "humanitaire\u00a0; orientations sur le paragraphe 4 de l'article 7\u00a0; coopération "
            "interinstitutions.",
            "es": "Ámbito de aplicación y listas nacionales de control; función de la industria "
            "y diligencia debida en materia de derechos humanos y derecho internacional "
            "humanitario; orientaciones sobre el artículo 7, párrafo 4; cooperación "
            "interinstitucional.",
            "ru": "Сфера применения и национальные контрольные списки; роль промышленности и "
            "должная осмотрительность в области прав человека и международного гуманитарного "
            "права; руководящие указания по пункту 4 статьи 7; межведомственное "
            "сотрудничество.",
            "ar": "النطاق وقوائم المراقبة الوطنية؛ ودور الصناعة والعناية الواجبة في مجال حقوق "
            "الإنسان والقانون الدولي الإنساني؛ والتوجيهات بشأن الفقرة 4 من المادة 7؛ والتعاون "
            "بين الوكالات.",
            "zh-hans": "《条约》的范围和国家管制清单；"
            "产业界的作用以及人权和国际人道主义法尽职调查；"
            "关于执行第7条第(4)款的指导；机构间合作。",
        },
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

    from django.db.models import F

    from att_portal.demo import in_languages
    from att_portal.l10n.content import english
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
    # Phases are found by their English title and numbered as the workplan numbers its
    # topics; numbers move out of the way first (a demo seeded before kept other numbers).
    titles = [phase_title for phase_title, _topics in WORKPLAN]
    if list(Phase.objects.order_by("number").values_list("title_en", flat=True)) != titles:
        Phase.objects.update(number=F("number") + 1000)
    for number, (phase_title, topic_titles) in enumerate(WORKPLAN, start=1):
        phase, _created = Phase.objects.update_or_create(
            title_en=phase_title,
            defaults={
                **in_languages("title", _in_six(phase_title)),
                "number": number,
                "is_cross_cutting": number == len(WORKPLAN),
            },
        )
        for position, title in enumerate(topic_titles, start=1):
            topics[phase_title, title], _created = Topic.objects.update_or_create(
                phase=phase,
                title_en=title,
                defaults={**in_languages("title", _in_six(title)), "position": position},
            )
    for key, questions in WORKPLAN_QUESTIONS.items():
        for position, text in enumerate(questions, start=1):
            ImplementationQuestion.objects.update_or_create(
                topic=topics[key], position=position, defaults=in_languages("text", _in_six(text))
            )
    groups = {}
    for position, (name, facilitators, mandate) in enumerate(CSP12_SUB_WORKING_GROUPS, 1):
        groups[english(name)], _created = SubWorkingGroup.objects.update_or_create(
            cycle=cycles[12],
            name_en=english(name),
            defaults={
                **in_languages("name", name),
                **in_languages("mandate", mandate),
                "facilitators": facilitators,
                "position": position,
            },
        )
    for code, profile in TRADE_PROFILES.items():
        state = states[code]
        if state.trade_profile != profile:
            state.trade_profile = profile
            state._change_reason = "Profile in the arms trade (demo)"
            state.save()
    march = meetings["WGETI meeting, March 2026"]
    practices = groups["Exchange of National Implementation Practices"]
    # Seed 004 ¶6, Annex A: the topics of March 2026 (a demo seeded before had the national
    # control list in place of brokering).
    MeetingTopic.objects.filter(
        meeting=march,
        topic__phase__title_en="National control system",
        topic__title_en="National control list",
    ).delete()
    taken_up = [(BROKERING, title) for title in dict(WORKPLAN)[BROKERING]]
    taken_up += [(RISK_ASSESSMENT, "Risk assessment"), (RISK_ASSESSMENT, "Review of decisions")]
    for key in taken_up:
        MeetingTopic.objects.update_or_create(
            meeting=march, topic=topics[key], defaults={"sub_working_group": practices}
        )
    risk = topics[RISK_ASSESSMENT, "Risk assessment"]
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


# Proposed revisions the WGETI Chair puts to the meeting ahead, one at a time, so that a
# revision of the guide is open for comments whenever the demo is seeded: (paragraph, title,
# new text). Stand-ins for the demo, like the paragraphs they replace.
REVISIONS_AHEAD = [
    (
        "108",
        "Paragraph 108: the flowchart of Annex B as the dedicated guidance on Article 7(4)",
        "The Working Group noted that further discussion led to dedicated voluntary guidance "
        "on assessing the risk of gender-based violence under Article 7(4): the flowchart "
        "in Annex B." + ABRIDGED,
    ),
    (
        "130",
        "Paragraph 130: post-shipment cooperation among the mitigation measures",
        "States Parties described assurances sought from importing States, training of "
        "security forces and post-shipment cooperation, including on-site verification, as "
        "possible mitigation measures." + ABRIDGED,
    ),
    (
        "106",
        "Paragraph 106: further sources of information on gender-based violence",
        "Several States Parties consult reports of United Nations bodies, regional "
        "organisations and civil society organisations, and their diplomatic missions, on "
        "gender-based violence in the recipient State." + ABRIDGED,
    ),
    (
        "131",
        "Paragraph 131: long-standing patterns of violence (Step 5 of Annex B)",
        "Delegations noted that long-standing, deeply rooted patterns of violence make "
        "short-term mitigation difficult, as Step 5 of the flowchart in Annex B recalls."
        + ABRIDGED,
    ),
]


def _revision_open_for_comments(people: dict, meeting) -> None:
    """Unless a revision of the Voluntary Guide to Implementing Articles 6 and 7 is open for
    comments today, the WGETI Chair proposes the next of REVISIONS_AHEAD for the meeting
    ahead, comments due with its written comments (after the last, the first again)."""
    from django.utils import timezone

    from att_portal.l10n.dates import un_date_range
    from att_portal.meetings.enums import CallKind

    from .guides.enums import ChangeAction
    from .guides.models import Guide, ProposedRevision
    from .guides.selectors import current_edition, paragraph_in
    from .guides.services import OPEN_FOR_COMMENTS, revision_change_add, revision_propose

    guide = Guide.objects.filter(title_en=GUIDE_ARTS_6_7).first()
    today = timezone.localdate()
    if (
        guide is None
        or ProposedRevision.objects.filter(
            guide=guide, state__in=OPEN_FOR_COMMENTS, comments_due_on__gte=today
        ).exists()
    ):
        return
    due_on = (
        meeting.calls.filter(kind=CallKind.WRITTEN_COMMENTS, due_on__gte=today)
        .values_list("due_on", flat=True)
        .first()
    )
    edition = current_edition(guide)
    if due_on is None or edition is None:
        return
    earlier = ProposedRevision.objects.filter(
        guide=guide, title__in=[title for _number, title, _text in REVISIONS_AHEAD]
    ).count()
    turn = REVISIONS_AHEAD[earlier % len(REVISIONS_AHEAD) :] + REVISIONS_AHEAD
    number, title, text = next(
        ((n, t, x) for n, t, x in turn if paragraph_in(edition, n) is not None), (None,) * 3
    )
    if number is None:
        return
    chair = people["wgeti-chair"]
    revision = revision_propose(
        by=chair,
        guide=guide,
        title=title,
        rationale="For the WGETI meeting of "
        f"{un_date_range(meeting.starts_on, meeting.ends_on, 'en')} "
        f"(CSP{meeting.cycle.number} cycle).",
        comments_due_on=due_on,
        as_officer=True,
    )
    revision_change_add(
        by=chair,
        revision=revision,
        version=revision.version,
        action=ChangeAction.REPLACE,
        paragraph=number,
        new_text=text,
    )
