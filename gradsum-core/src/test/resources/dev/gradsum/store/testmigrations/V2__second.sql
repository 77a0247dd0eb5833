CREATE TABLE second (
    y TEXT -- trailing comment stays inside the statement
);
