def classify(t):
    pass


def land_price_standards(t):
    pass


def pollutant_concentrations(t):
    pass


def price_items(t):
    pass
