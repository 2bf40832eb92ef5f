"""Investment promotion (招商引资): opportunities, key industries, parks, the policy library and
the investment guide for investors; enquiries routed to the two cities' offices and worked as
cases by their staff, up to signed projects, with the figures of both."""
