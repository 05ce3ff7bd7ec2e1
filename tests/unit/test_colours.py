from hypothesis import given, strategies as st

from app.core.colours import NO_PROJECT, PROJECT_COLOURS, project_colour


@given(st.integers(min_value=1, max_value=2**40))
def test_a_project_always_gets_the_same_colour_of_the_set(project_id):
    assert project_colour(project_id) == project_colour(project_id) in PROJECT_COLOURS


def test_no_project_is_grey_and_neighbouring_ids_differ():
    assert project_colour(None) == project_colour(0) == NO_PROJECT
    assert len({project_colour(i) for i in range(1, 13)}) >= 8  # mite numbers projects in order
