"""The words the seed builds its world from: brands, models, colourways, supplements, people.

Plain data, no logic. Prices are list prices in USD, as strings (the generators make Decimals).
"""

from __future__ import annotations

from typing import NamedTuple


class SneakerModel(NamedTuple):
    brand: str
    model: str
    category: str  # leaf slug under footwear/sneakers
    retail: str  # list price, USD
    hype: float  # resale premium over retail for a new pair (1.0 = at retail)


class SupplementKind(NamedTuple):
    category: str  # leaf slug under supplements
    names: tuple[str, ...]
    flavours: tuple[str, ...]
    packs: tuple[tuple[str, int, str], ...]  # (label, grams, list price)
    protein_g: tuple[int, int] | None  # per serving, a range
    serving_g: tuple[int, int]


# fmt: off

# (name, slug), in display order
SNEAKER_BRANDS: tuple[tuple[str, str], ...] = (
    ("Nike", "nike"),
    ("Jordan", "jordan"),
    ("adidas", "adidas"),
    ("New Balance", "new-balance"),
    ("Asics", "asics"),
    ("Puma", "puma"),
    ("Converse", "converse"),
    ("Vans", "vans"),
    ("Reebok", "reebok"),
    ("Salomon", "salomon"),
    ("Hoka", "hoka"),
    ("On", "on"),
    ("Saucony", "saucony"),
    ("Under Armour", "under-armour"),
)

SNEAKER_MODELS: tuple[SneakerModel, ...] = (
    SneakerModel("Nike", "Dunk Low Retro", "low-top", "115", 1.25),
    SneakerModel("Nike", "Dunk High Retro", "high-top", "125", 1.15),
    SneakerModel("Nike", "Air Force 1 '07", "low-top", "115", 1.0),
    SneakerModel("Nike", "Air Force 1 Mid '07", "high-top", "125", 1.0),
    SneakerModel("Nike", "Air Max 90", "running", "130", 1.05),
    SneakerModel("Nike", "Air Max 1", "running", "150", 1.2),
    SneakerModel("Nike", "Air Max 97", "running", "185", 1.1),
    SneakerModel("Nike", "Air Max Plus", "running", "185", 1.05),
    SneakerModel("Nike", "Pegasus 41", "running", "140", 0.9),
    SneakerModel("Nike", "Zoom Vomero 5", "running", "170", 1.3),
    SneakerModel("Nike", "Blazer Mid '77 Vintage", "high-top", "105", 0.95),
    SneakerModel("Nike", "Cortez", "low-top", "90", 0.95),
    SneakerModel("Nike", "LeBron 21", "basketball", "200", 0.9),
    SneakerModel("Nike", "Kobe 6 Protro", "basketball", "190", 2.2),
    SneakerModel("Nike", "KD 17", "basketball", "150", 0.85),
    SneakerModel("Nike", "Ja 2", "basketball", "120", 0.9),
    SneakerModel("Jordan", "Air Jordan 1 Retro High OG", "high-top", "180", 1.6),
    SneakerModel("Jordan", "Air Jordan 1 Mid", "high-top", "125", 1.0),
    SneakerModel("Jordan", "Air Jordan 1 Low", "low-top", "115", 1.05),
    SneakerModel("Jordan", "Air Jordan 3 Retro", "basketball", "210", 1.35),
    SneakerModel("Jordan", "Air Jordan 4 Retro", "basketball", "215", 1.7),
    SneakerModel("Jordan", "Air Jordan 5 Retro", "basketball", "210", 1.2),
    SneakerModel("Jordan", "Air Jordan 6 Retro", "basketball", "210", 1.25),
    SneakerModel("Jordan", "Air Jordan 11 Retro", "basketball", "230", 1.45),
    SneakerModel("Jordan", "Air Jordan 12 Retro", "basketball", "210", 1.15),
    SneakerModel("adidas", "Samba OG", "low-top", "100", 1.3),
    SneakerModel("adidas", "Gazelle Indoor", "low-top", "120", 1.2),
    SneakerModel("adidas", "Campus 00s", "low-top", "110", 1.1),
    SneakerModel("adidas", "Superstar", "low-top", "100", 0.95),
    SneakerModel("adidas", "Forum Low", "low-top", "100", 0.95),
    SneakerModel("adidas", "SL 72 OG", "running", "90", 1.1),
    SneakerModel("adidas", "Ultraboost 1.0", "running", "190", 0.9),
    SneakerModel("adidas", "Adizero Adios Pro 3", "running", "250", 1.0),
    SneakerModel("adidas", "Harden Vol. 8", "basketball", "160", 0.85),
    SneakerModel("New Balance", "550", "low-top", "110", 1.15),
    SneakerModel("New Balance", "990v6 Made in USA", "running", "200", 1.1),
    SneakerModel("New Balance", "2002R", "running", "150", 1.15),
    SneakerModel("New Balance", "9060", "running", "150", 1.25),
    SneakerModel("New Balance", "530", "running", "100", 1.05),
    SneakerModel("New Balance", "1906R", "running", "160", 1.2),
    SneakerModel("New Balance", "327", "low-top", "100", 0.9),
    SneakerModel("Asics", "Gel-Kayano 14", "running", "150", 1.35),
    SneakerModel("Asics", "Gel-1130", "running", "110", 1.2),
    SneakerModel("Asics", "Gel-NYC", "running", "150", 1.2),
    SneakerModel("Asics", "Gel-Lyte III OG", "low-top", "130", 1.1),
    SneakerModel("Asics", "Novablast 4", "running", "140", 0.9),
    SneakerModel("Puma", "Suede Classic XXI", "low-top", "75", 0.95),
    SneakerModel("Puma", "Palermo", "low-top", "100", 1.1),
    SneakerModel("Puma", "Speedcat OG", "low-top", "100", 1.2),
    SneakerModel("Puma", "MB.03", "basketball", "125", 1.0),
    SneakerModel("Converse", "Chuck Taylor All Star Hi", "high-top", "65", 0.95),
    SneakerModel("Converse", "Chuck 70 Hi", "high-top", "90", 1.0),
    SneakerModel("Converse", "Chuck 70 Ox", "low-top", "85", 1.0),
    SneakerModel("Converse", "Run Star Hike Hi", "high-top", "110", 1.0),
    SneakerModel("Vans", "Old Skool", "low-top", "70", 0.95),
    SneakerModel("Vans", "Sk8-Hi", "high-top", "80", 0.95),
    SneakerModel("Vans", "Authentic", "low-top", "60", 0.95),
    SneakerModel("Vans", "Knu Skool", "low-top", "90", 1.05),
    SneakerModel("Reebok", "Club C 85 Vintage", "low-top", "90", 1.0),
    SneakerModel("Reebok", "Classic Leather", "low-top", "85", 0.95),
    SneakerModel("Reebok", "Question Mid", "basketball", "150", 1.1),
    SneakerModel("Salomon", "XT-6", "running", "200", 1.15),
    SneakerModel("Salomon", "ACS Pro", "running", "190", 1.15),
    SneakerModel("Salomon", "Speedcross 6", "running", "145", 0.95),
    SneakerModel("Hoka", "Clifton 9", "running", "145", 0.9),
    SneakerModel("Hoka", "Bondi 8", "running", "165", 0.9),
    SneakerModel("Hoka", "Mafate Speed 2", "running", "175", 1.05),
    SneakerModel("On", "Cloudmonster", "running", "170", 0.9),
    SneakerModel("On", "Cloud 5", "running", "140", 0.9),
    SneakerModel("Saucony", "Shadow 6000", "running", "120", 1.0),
    SneakerModel("Saucony", "Endorphin Speed 4", "running", "170", 0.9),
    SneakerModel("Under Armour", "Curry 11", "basketball", "160", 0.9),
)

# Nicknames sneaker culture gives colourways, and the colours behind them.
COLORWAYS: tuple[tuple[str, str], ...] = (
    ("Panda", "White/Black-White"),
    ("University Blue", "White/University Blue-Black"),
    ("Chicago", "White/Varsity Red-Black"),
    ("Bred", "Black/Varsity Red-Black"),
    ("Triple White", "White/White-White"),
    ("Triple Black", "Black/Black-Black"),
    ("Sail", "Sail/Coconut Milk-Sail"),
    ("Royal", "Black/Game Royal-White"),
    ("Mocha", "Sail/Dark Mocha-Black"),
    ("Olive", "Medium Olive/Sail-Black"),
    ("Sea Glass", "Sea Glass/Light Bone-Sail"),
    ("Grey Fog", "White/Grey Fog-White"),
    ("Shadow", "Black/Medium Grey-White"),
    ("Lucky Green", "White/Lucky Green-Black"),
    ("Court Purple", "White/Court Purple-Black"),
    ("Military Blue", "Off White/Military Blue-Neutral Grey"),
    ("Black Cat", "Black/Black-Light Graphite"),
    ("Fire Red", "White/Fire Red-Black"),
    ("Cool Grey", "Cool Grey/White-Anthracite"),
    ("Concord", "White/Black-Dark Concord"),
    ("Infrared", "Black/Infrared 23-Pure Platinum"),
    ("Cream", "Cream White/Off White-Gum"),
    ("Core Black Gum", "Core Black/Cloud White-Gum"),
    ("Cloud White", "Cloud White/Core Black-Gum"),
    ("Burgundy", "Collegiate Burgundy/Cloud White-Gum"),
    ("Green Gum", "Collegiate Green/Cloud White-Gum"),
    ("Rain Cloud", "Rain Cloud/Sea Salt-Pale Grey"),
    ("Castlerock", "Castlerock/Grey-White"),
    ("Protection Pack Phantom", "Phantom/Black-Sea Salt"),
    ("Cream Oyster", "Cream/Oyster Grey-Pure Silver"),
    ("Pure Silver", "White/Pure Silver-Midnight Navy"),
    ("Birch", "Birch/Khaki-White"),
    ("Navy Gum", "Navy/White-Gum"),
    ("Obsidian", "Obsidian/White-Sail"),
    ("Photon Dust", "Photon Dust/White-Metallic Silver"),
    ("Volt", "Black/Volt-White"),
    ("Hyper Pink", "White/Hyper Pink-Black"),
    ("Solar Flare", "Black/Solar Flare-White"),
    ("Desert Sand", "Desert Sand/Linen-Sail"),
    ("Pine Green", "White/Pine Green-Black"),
    ("Varsity Maize", "Varsity Maize/White-Black"),
    ("Valerian Blue", "Valerian Blue/Vachetta Tan-White"),
    ("Light Smoke Grey", "White/Light Smoke Grey-Black"),
    ("Metallic Gold", "White/Metallic Gold-Black"),
    ("Team Orange", "Team Orange/White-Black"),
    ("Midnight Navy", "Midnight Navy/White-Obsidian"),
    ("Bone", "Light Bone/Sail-Light Orewood Brown"),
    ("Coconut Milk", "Coconut Milk/Summit White-Light Bone"),
)

EDITIONS = ("", "", "", "", "", "SE", "PRM", "OG", "QS", "SP")

STYLE_SUFFIXES = (
    "100", "001", "101", "002", "400", "600", "700", "200", "300", "003", "104", "061", "010",
    "161", "401", "602", "702", "800", "900", "011",
)

SNEAKER_DESCRIPTIONS = (
    "A {model} in the {nick} colourway: {colors} leather upper on the original tooling.",
    "The {brand} {model} returns in {colors}, nicknamed '{nick}' by collectors.",
    "{nick} {model}: premium materials, a padded collar and a cupsole built for daily wear.",
    "Built on the classic {model} last, this {nick} pair pairs {colors} with a rubber outsole.",
)

SUPPLEMENT_BRANDS: tuple[tuple[str, str], ...] = (
    ("Optimum Nutrition", "optimum-nutrition"),
    ("Myprotein", "myprotein"),
    ("Dymatize", "dymatize"),
    ("MuscleTech", "muscletech"),
    ("Transparent Labs", "transparent-labs"),
    ("Thorne", "thorne"),
    ("Garden of Life", "garden-of-life"),
    ("NOW Foods", "now-foods"),
    ("Ghost", "ghost"),
    ("Cellucor", "cellucor"),
    ("BSN", "bsn"),
    ("Legion", "legion"),
)

SUPPLEMENT_KINDS: tuple[SupplementKind, ...] = (
    SupplementKind(
        "protein",
        (
            "100% Whey", "Whey Isolate", "Clear Whey", "Casein", "Plant Protein", "Whey Blend",
            "Hydrolyzed Whey", "Grass-Fed Whey",
        ),
        (
            "Chocolate", "Vanilla", "Strawberry", "Cookies & Cream", "Salted Caramel",
            "Unflavoured", "Mocha", "Banana",
        ),
        (
            ("908g", 908, "39.99"), ("2kg", 2000, "74.99"), ("4.5kg", 4500, "149.99"),
        ),
        (20, 27),
        (30, 40),
    ),
    SupplementKind(
        "creatine",
        (
            "Creatine Monohydrate", "Micronized Creatine", "Creatine HCl", "Creapure Creatine",
        ),
        (
            "Unflavoured", "Fruit Punch", "Lemon",
        ),
        (
            ("250g", 250, "19.99"), ("500g", 500, "32.99"), ("1kg", 1000, "54.99"),
        ),
        None,
        (3, 5),
    ),
    SupplementKind(
        "pre-workout",
        (
            "Pre-Workout", "Pump Formula", "Stim-Free Pre", "Pre-Workout Extreme",
        ),
        (
            "Fruit Punch", "Blue Raspberry", "Watermelon", "Sour Batch", "Green Apple",
        ),
        (
            ("30 servings", 390, "39.99"), ("60 servings", 780, "69.99"),
        ),
        None,
        (10, 14),
    ),
    SupplementKind(
        "vitamins",
        (
            "Vitamin D3 + K2", "Daily Multivitamin", "Magnesium Glycinate", "Zinc Picolinate",
            "Vitamin C 1000", "B-Complex", "Omega-3 Fish Oil", "Iron Bisglycinate",
        ),
        (
            "Unflavoured",
        ),
        (
            ("60 capsules", 90, "14.99"), ("120 capsules", 170, "24.99"),
            ("240 capsules", 320, "42.99"),
        ),
        None,
        (1, 2),
    ),
    SupplementKind(
        "amino-acids",
        (
            "BCAA 2:1:1", "EAA Complex", "L-Glutamine", "Electrolytes + EAA",
        ),
        (
            "Watermelon", "Lemon Lime", "Tropical", "Unflavoured",
        ),
        (
            ("300g", 300, "24.99"), ("1kg", 1000, "59.99"),
        ),
        None,
        (7, 12),
    ),
)

SUPPLEMENT_LINES = ("", "", "", "Pro Series", "Elite", "Naturals", "Sport", "Max", "Platinum")

VENDOR_NAMES = (
    "Sole Supply Co.", "Kicks Vault", "Laced Up NYC", "Hype Reserve", "Grail Street",
    "Deadstock District", "The Sneaker Exchange", "Heat Check", "Boxfresh Kicks",
    "Midsole Market", "Courtside Collective", "Toebox Traders", "Outsole Outlet", "Lace Lab",
    "Retro Room", "Tongue & Heel", "Crepe City", "Feature Kicks", "Upper Deck Sneakers",
    "Sneaker Stop LA", "Clean Pairs", "Size Run Store", "Sample Size Co.", "Vintage Vault",
    "Cop or Drop", "Wet Paint Kicks", "Round Toe", "The Plug", "Kickback Resale",
    "Icebox Soles", "Insole Supply", "Quickstrike Shop", "Global Grails", "Pair Affair",
    "Restock Republic", "Heel Tab Co.", "Eyelet Exchange", "Sneaker Safe", "Lateral Swoosh Co.",
    "Air Unit",
)

# city, region, postal code, country, location code (the first 18 are in the US)
CITIES: tuple[tuple[str, str, str, str, str], ...] = (
    ("New York", "NY", "10013", "US", "NYC"),
    ("Brooklyn", "NY", "11211", "US", "BKN"),
    ("Newark", "NJ", "07114", "US", "EWR"),
    ("Los Angeles", "CA", "90021", "US", "LAX"),
    ("Reno", "NV", "89502", "US", "RNO"),
    ("Chicago", "IL", "60607", "US", "CHI"),
    ("Houston", "TX", "77002", "US", "HOU"),
    ("Atlanta", "GA", "30303", "US", "ATL"),
    ("Miami", "FL", "33127", "US", "MIA"),
    ("Portland", "OR", "97209", "US", "PDX"),
    ("Seattle", "WA", "98104", "US", "SEA"),
    ("Denver", "CO", "80202", "US", "DEN"),
    ("Philadelphia", "PA", "19106", "US", "PHL"),
    ("Boston", "MA", "02110", "US", "BOS"),
    ("Columbus", "OH", "43215", "US", "CMH"),
    ("Memphis", "TN", "38103", "US", "MEM"),
    ("Phoenix", "AZ", "85004", "US", "PHX"),
    ("Austin", "TX", "78701", "US", "AUS"),
    ("London", "", "E1 6AN", "GB", "LON"),
    ("Manchester", "", "M1 1AE", "GB", "MAN"),
    ("Berlin", "", "10115", "DE", "BER"),
    ("Tokyo", "", "150-0001", "JP", "TYO"),
)

STREETS = (
    "Main St", "Broadway", "Canal St", "Market St", "Industrial Way", "Commerce Dr", "Elm St",
    "Harbor Blvd", "Warehouse Rd", "Mill St", "Union Ave", "Grand Ave", "Lincoln Ave",
    "Park Pl", "Front St", "Water St",
)

FIRST_NAMES = (
    "James", "Maria", "Wei", "Aisha", "Lucas", "Sofia", "Mateo", "Olivia", "Noah", "Emma",
    "Liam", "Ava", "Ethan", "Mia", "Kenji", "Yuki", "Omar", "Fatima", "Diego", "Camila",
    "Jamal", "Keisha", "Andre", "Priya", "Arjun", "Chloe", "Marcus", "Hannah", "Tariq", "Zoe",
    "Daniel", "Grace", "Samuel", "Leah", "Isaac", "Nora", "Elijah", "Ruby", "Tomás", "Ingrid",
    "Malik", "Amara", "Hiro", "Elena", "Connor", "Bianca", "Rafael", "Naomi", "Victor",
    "Alicia",
)

LAST_NAMES = (
    "Smith", "Johnson", "Garcia", "Chen", "Williams", "Brown", "Jones", "Miller", "Davis",
    "Rodriguez", "Martinez", "Nguyen", "Kim", "Patel", "Okafor", "Tanaka", "Silva", "Müller",
    "Rossi", "Dubois", "Kowalski", "Andersen", "Haddad", "Cohen", "Reyes", "Walker", "Hall",
    "Young", "King", "Wright", "Lopez", "Hill", "Scott", "Green", "Adams", "Baker", "Nelson",
    "Carter", "Mitchell", "Perez", "Roberts", "Turner", "Phillips", "Campbell", "Parker",
    "Evans", "Edwards", "Collins", "Stewart", "Morris",
)

ACCOUNT_PREFIXES = (
    "Peak", "Iron", "Summit", "Northside", "Coastal", "Elite", "Apex", "Titan", "Prime",
    "Vital", "Core", "Urban", "Evergreen", "Redline", "Bluewater", "Granite", "Harbor",
    "Liberty", "Pioneer", "Velocity",
)

# (account type, name noun)
ACCOUNT_KINDS: tuple[tuple[str, str], ...] = (
    ("dealer", "Nutrition"),
    ("dealer", "Supplements Co."),
    ("dealer", "Health Store"),
    ("pro", "Fitness"),
    ("pro", "Performance Gym"),
    ("pro", "Sports Clinic"),
    ("pro", "CrossFit"),
    ("distributor", "Distribution"),
    ("distributor", "Wholesale Supply"),
    ("retail", "Wellness Shop"),
)

SAVED_CART_NAMES = (
    "Grails", "Summer rotation", "Birthday list", "Running shoes", "Back to school",
    "Monthly restock", "Gym opening order", "Q3 shelf refill", "Trainer picks", "Maybe later",
)

# (carrier, service)
CARRIERS: tuple[tuple[str, str], ...] = (
    ("UPS", "Ground"),
    ("UPS", "2nd Day Air"),
    ("FedEx", "Home Delivery"),
    ("FedEx", "Express Saver"),
    ("USPS", "Priority Mail"),
    ("DHL", "Express Worldwide"),
)

ACCOUNT_NOTES = (
    "Prefers deliveries before 10am; dock closes at 4pm.",
    "Asked about net-45 terms for the new location.",
    "Interested in a private-label whey in Q4.",
    "Pays on time; keep them on the gold tier.",
    "Wants pallet pricing on creatine for the spring push.",
    "New buyer took over purchasing; update the contact list.",
    "Complained about a late shipment in March; refunded shipping.",
    "Runs a members-only store; no marketing emails please.",
)

RFQ_NOTES = (
    "Opening a second gym in the fall: need stock for the shop counter.",
    "Looking for pallet pricing, delivery to our warehouse.",
    "Recurring monthly order if the price is right.",
    "Need this before our summer challenge starts.",
    "Please quote mixed flavours, same pack size.",
)
# fmt: on
