"""The demo newsroom's prose: authors, tags, articles and the pieces its readers'
comments are made of. Data, not code; demo.py builds the site from it."""

AUTHORS = [
    (
        "Maren Holt",
        "Maren covers city hall and the budget fights behind it. Before joining "
        "the newsroom she spent eight years reporting on regional transport.",
    ),
    (
        "Idris Okafor",
        "Idris writes about science, health and the numbers behind the "
        "headlines. He trained as a statistician and still checks every chart twice.",
    ),
    (
        "Lucía Ferrand",
        "Lucía is our climate and environment correspondent. She grew up on "
        "a farm by the river she now writes about.",
    ),
    (
        "Tomasz Wren",
        "Tomasz edits the culture pages and reviews books, theatre and the "
        "occasional stubborn restaurant.",
    ),
    (
        "Priya Anand",
        "Priya reports on schools, housing and the people who keep both "
        "running. She reads every reader letter.",
    ),
]

TAGS = [
    "City Hall",
    "Transport",
    "Climate",
    "Science",
    "Housing",
    "Education",
    "Culture",
    "Budget",
    "Health",
]
# The tags the demo newsroom leads its navigation with, in its order.
SECTIONS = [
    "City Hall",
    "Transport",
    "Climate",
    "Housing",
    "Education",
    "Health",
    "Culture",
]

ARTICLES = [
    (
        "Council votes to pedestrianise the old market street",
        ["City Hall", "Transport"],
        "After two years of consultation, traders and residents still disagree about what "
        "a car-free centre will mean for them.",
        [
            "The council voted nine to four on Tuesday night to close Market Street to through "
            "traffic from next spring, ending a debate that has filled public meetings since the "
            "first proposal was tabled.",
            "Supporters point to the pilot weekends last summer, when footfall rose and the "
            "noise fell. Opponents, many of them shop owners, say deliveries and older customers "
            "will pay the price.",
            "The plan keeps a loading window each morning and a shuttle from the station car "
            "park. Councillors promised a review after twelve months, with figures published "
            "every quarter.",
        ],
    ),
    (
        "What the new flood maps mean for the river quarter",
        ["Climate", "Housing"],
        "Revised maps put four hundred more homes in the highest risk band. We asked what "
        "owners and tenants can do now.",
        [
            "The environment agency's revised flood maps, published this week, move the river "
            "quarter's lower streets into the highest risk band for the first time.",
            "Insurers are expected to follow the maps within a year. For tenants the change "
            "matters less in the short term, but landlords may face new conditions on repairs.",
            "Engineers say the upstream wetlands project could lower the risk again, if it is "
            "finished on time and funded in full.",
        ],
    ),
    (
        "A quiet record: the bus network had its busiest month since 2019",
        ["Transport"],
        "Ridership is back, but the routes that recovered fastest are not the ones the "
        "operator expected.",
        [
            "October's figures show eleven million journeys on the regional network, the "
            "highest monthly total in six years.",
            "The growth came mostly from orbital routes linking the suburbs to one another, "
            "rather than the radial lines into the centre that the timetable still favours.",
            "The operator says it will publish route-level data each month from January.",
        ],
    ),
    (
        "Inside the lab that counts the city's pollen",
        ["Science", "Health"],
        "Three scientists, one rooftop trap and forty years of data on what makes the city "
        "sneeze.",
        [
            "On the roof of the old infirmary a small drum turns once a week, collecting the "
            "pollen that the city breathes.",
            "The counts go back to 1984 and show the season starting eleven days earlier than "
            "it did then, a shift the team links to warmer springs.",
            "The lab now publishes a daily forecast that hay fever sufferers check before they "
            "decide whether to cycle to work.",
        ],
    ),
    (
        "School meals: what a free lunch for every pupil would cost",
        ["Education", "Budget"],
        "The numbers behind the promise, and what other cities learned when they tried it.",
        [
            "Providing a free lunch to every primary pupil would cost the city about fourteen "
            "million a year, according to figures seen by this newspaper.",
            "Cities that introduced universal meals report higher take-up among families who "
            "were already eligible but never applied, and fewer unpaid meal debts.",
            "The budget committee will consider the proposal in February.",
        ],
    ),
    (
        "Review: a Chekhov that finally lets the silences speak",
        ["Culture"],
        "The Playhouse's new production is slow, patient and, in its last act, devastating.",
        [
            "Directors often rush Chekhov, as if afraid the audience will leave during the "
            "pauses. This production trusts the pauses.",
            "The third act, played almost in darkness, is the best thing on a local stage "
            "this year.",
            "It runs until the end of the month; the Thursday matinees still have seats.",
        ],
    ),
    (
        "Rents rose faster than wages for the fifth year running",
        ["Housing", "Budget"],
        "A new report traces where the money goes, and who is moving out.",
        [
            "Median rents in the city rose seven per cent over the past year, outpacing wage "
            "growth for the fifth consecutive year.",
            "The report finds the sharpest rises in two-bedroom flats, the homes most often "
            "rented by young families.",
            "Tenant groups are calling for a register of landlords; the council says it is "
            "studying the idea.",
        ],
    ),
    (
        "How accurate were last winter's flu forecasts?",
        ["Science", "Health"],
        "We compared the models with what actually happened in the hospitals.",
        [
            "Last winter three forecasting groups published weekly predictions of flu "
            "admissions. We compared each with the hospital figures.",
            "All three caught the timing of the peak within a week; none caught its height.",
            "The groups say better testing data would help more than better models.",
        ],
    ),
    (
        "The library that stays open until midnight",
        ["Culture", "Education"],
        "A pilot that began as an experiment for exam season has become a fixture.",
        [
            "The central library's late opening began as a six-week pilot for students. Two "
            "years later it is one of the busiest places in the city after ten.",
            "Night staff say the readers are not only students: shift workers, new parents "
            "and insomniacs all have their regular tables.",
            "Funding for the late hours is secure until next summer.",
        ],
    ),
    (
        "Budget gap: five choices the council can no longer avoid",
        ["City Hall", "Budget"],
        "A twenty-two million shortfall leaves no painless options. Here is what is on the "
        "table.",
        [
            "The council faces a twenty-two million gap in next year's budget, the largest "
            "since the city took over its own transport authority.",
            "Officials have set out five options, from raising parking charges to closing two "
            "leisure centres. None covers the gap alone.",
            "Residents can comment on the options until the end of the month.",
        ],
    ),
    (
        "Wetlands project reaches halfway, and the birds noticed first",
        ["Climate"],
        "Counts of wading birds have doubled on the restored marsh since the spring.",
        [
            "The upstream wetlands project passed its halfway mark this month, with thirty "
            "hectares of former farmland returned to marsh.",
            "Volunteer counts of wading birds on the site have doubled since April.",
            "Engineers will measure how much water the marsh holds back during the winter "
            "storms.",
        ],
    ),
    (
        "Teachers say class sizes are the issue nobody measures well",
        ["Education"],
        "Official averages hide the rooms with thirty-five pupils. We asked teachers to "
        "count.",
        [
            "The official average class size in the city's secondary schools is twenty-six. "
            "Teachers who answered our survey described rooms with far more.",
            "The average includes small specialist groups, which pulls the figure down.",
            "The education department says it will publish the distribution, not just the "
            "mean, from next year.",
        ],
    ),
    (
        "Night trains return to the coast line",
        ["Transport"],
        "The sleeper service cut in 2009 runs again from Friday. Is there demand for it?",
        [
            "For the first time in fifteen years, a sleeper train will leave the central "
            "station for the coast on Friday night.",
            "The operator says advance bookings are strong for summer weekends and thin for "
            "winter weekdays.",
            "The service is funded for a two-year trial.",
        ],
    ),
]

GUEST_NAMES = [
    "Ana P.",
    "Ben Castell",
    "Chloe",
    "Dev Mistry",
    "Erik L.",
    "Farah Q.",
    "Gwen",
    "Hassan Noor",
    "Ines",
    "Jonah B.",
    "Kasia Z.",
    "Liam O'Dea",
    "Mina",
    "Nico R.",
    "Olu Adeyemi",
    "Pia",
    "Quentin M.",
    "Rosa V.",
    "Sam Tully",
    "Tariq",
    "Uma K.",
    "Viktor",
    "Wen Li",
    "Yusuf A.",
    "Zoë F.",
]
OPENERS = [
    "I've lived here for twenty years and",
    "Honestly,",
    "Genuine question:",
    "As someone who works nearby,",
    "Looking at the figures in the piece,",
    "My neighbours and I talked about this and",
    "Not to be that person, but",
    "Speaking as a parent,",
    "Reading this on the bus, so briefly:",
    "Fair reporting, but",
]
CLAIMS = [
    "this is the right call and long overdue.",
    "the article skips over who actually pays for this.",
    "nobody has asked the people most affected.",
    "the pilot results were far better than the critics admit.",
    "the numbers look good until you read the footnotes.",
    "we tried something similar a decade ago and it fizzled out.",
    "this will work only if the council keeps its promise to review it.",
    "the real problem is maintenance, not the plan itself.",
    "it's a small change that will make a big difference day to day.",
    "I'd like to see the data broken down by neighbourhood.",
]
REPLIES = [
    "I see it differently: {claim}",
    "That's fair, though {claim}",
    "Do you have a source for that? From what I read, {claim}",
    "Agreed. And {claim}",
    "Respectfully, no. {claim}",
    "This. Also, {claim}",
    "Hmm, I'm not sure. {claim}",
    "You're right about the cost, but {claim}",
]
EXTRAS = [
    "",
    "",
    "",
    " The *review clause* is the part that matters.",
    " See the council minutes: https://example.org/minutes",
    "\n\n> the figures published every quarter\n\nThat's the bit I'll be holding them to.",
    " **Please** publish the raw data.",
    " Thanks for covering it properly.",
]
