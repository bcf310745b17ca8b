"""Who may do what in the community app: one named predicate per decision."""


def can_take_part(user, campaign):
    """Vote or apply on a campaign: signed in, active, on a live and open campaign."""
    return bool(user.is_authenticated and user.is_active and campaign.live and campaign.is_open)


def can_decide_tester_applications(user):
    """Select or decline tester applications (editors)."""
    return user.has_perm("community.change_testerapplication")


def can_view_campaign_results(user):
    """Read vote totals and applications in the admin (editors)."""
    return user.has_perm("community.view_testerapplication")
