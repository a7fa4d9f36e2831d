#!/usr/bin/perl
# Verdicts of Perl's JSON::Validator on the shipped schema files.
#
# Reads {"root": dir, "cases": [{"schema": relative path, "data": value}]} on stdin and writes
# {"json_validator": [bool]} on stdout, one verdict per case.
use strict;
use warnings;
use JSON::PP;
use JSON::Validator;

my $json = JSON::PP->new->utf8->allow_nonref;
my $request = $json->decode(do { local $/; <STDIN> });
my %validators;
my @verdicts;
for my $case (@{ $request->{cases} }) {
  my $path = $case->{schema};
  $validators{$path} //= do {
    open my $fh, '<:raw', "$request->{root}/$path" or die "$path: $!";
    my $schema = $json->decode(do { local $/; <$fh> });
    my $validator = JSON::Validator->new;
    $validator->schema($schema);
    $validator;
  };
  my @errors = $validators{$path}->validate($case->{data});
  push @verdicts, @errors ? JSON::PP::false : JSON::PP::true;
}
print $json->encode({ json_validator => \@verdicts });
